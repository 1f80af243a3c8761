#pragma once
// Turns the code an index entry gives (often a category or a subcategory ending in "-") into the
// billable code the note supports: children are chosen by the words the note uses (laterality,
// encounter, type), otherwise the "unspecified" child; 7th characters default to the initial
// encounter.
#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "codes/codebook.hpp"
#include "rules/term_index.hpp"

namespace notecoder::rules {

// What the mention's sentence says: its word keys, and those written as absent ("without
// macular edema", "no hematuria").
struct RefineContext {
  std::vector<WordId> words;  // a sentence is short: a linear scan beats hashing
  std::vector<WordId> absent;
  bool Has(WordId w) const { return std::find(words.begin(), words.end(), w) != words.end(); }
  bool Absent(WordId w) const { return std::find(absent.begin(), absent.end(), w) != absent.end(); }
  // The mention's own phrase. Replacing the index's unspecified code by a sibling needs the
  // words there: "acute upper GI bleed from a chronic-appearing gastric ulcer" is not an
  // acute ulcer. Empty: the whole sentence is used.
  std::vector<WordId> near;
  bool Near(WordId w) const {
    return near.empty() ? Has(w) : std::find(near.begin(), near.end(), w) != near.end();
  }
};

struct Refined {
  codes::CodeId code = codes::kNone;
  bool defaulted = false;  // some level was chosen without support from the note
};

class CodeRefiner {
 public:
  explicit CodeRefiner(const TermIndex& index);
  ~CodeRefiner();
  CodeRefiner(const CodeRefiner&) = delete;
  CodeRefiner& operator=(const CodeRefiner&) = delete;
  Refined ToBillable(codes::CodeId code, const RefineContext& context) const;

 private:
  // Words of a child title the note writes (hits) and does not write (misses); words the title
  // wants absent count as hits when the note says they are absent.
  struct Score {
    int hits = 0;
    int misses = 0;
  };
  Score Support(const std::vector<WordId>& added, const RefineContext& context,
                bool near = false) const;
  // "disorder", "disease", "induced": words any sentence may hold; they choose no child code.
  bool IsGeneric(WordId w) const {
    return std::find(generic_.begin(), generic_.end(), w) != generic_.end();
  }
  // A code's title words against its parent's, computed on first use and kept: every note
  // that reaches a category asks the same questions of the same children.
  struct ChildWords {
    std::vector<WordId> added;  // multiset difference child − parent
    std::vector<WordId> fresh;  // `added` without any word the parent has
    std::vector<codes::CodeId> children;
    bool unspecified_title = false;  // "unspecified" in the CMS long title
  };
  const ChildWords& WordsOf(codes::CodeId code) const;
  codes::CodeId RechooseParent(codes::CodeId code, codes::CodeId parent,
                               const RefineContext& context) const;

  const TermIndex& index_;
  const codes::Codebook& book_;
  WordId unspecified_;
  std::vector<WordId> generic_;
  // By CodeId; null until first use. A thread that loses the race to publish deletes its copy.
  std::unique_ptr<std::atomic<const ChildWords*>[]> words_;
};

}  // namespace notecoder::rules
