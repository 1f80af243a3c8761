#pragma once
// Turns the code an index entry gives (often a category or a subcategory ending in "-") into the
// billable code the note supports: children are chosen by the words the note uses (laterality,
// encounter, type), otherwise the "unspecified" child; 7th characters default to the initial
// encounter.
#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>
#include <string>
#include <unordered_set>

#include "codes/codebook.hpp"

namespace notecoder::rules {

// What the mention's sentence says: its word keys, and those written as absent ("without
// macular edema", "no hematuria").
struct RefineContext {
  std::vector<std::string_view> keys;    // a sentence is short: a linear scan beats hashing
  std::vector<std::string_view> absent;
  bool Has(std::string_view k) const { return std::find(keys.begin(), keys.end(), k) != keys.end(); }
  bool Absent(std::string_view k) const { return std::find(absent.begin(), absent.end(), k) != absent.end(); }
};

struct Refined {
  codes::CodeId code = codes::kNone;
  bool defaulted = false;  // some level was chosen without support from the note
};

class CodeRefiner {
 public:
  explicit CodeRefiner(const codes::Codebook& book) : book_(book) {}
  Refined ToBillable(codes::CodeId code, const RefineContext& context) const;

 private:
  const codes::Codebook& book_;
};

}  // namespace notecoder::rules
