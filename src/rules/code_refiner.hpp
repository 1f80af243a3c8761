#pragma once
// Turns the code an index entry gives (often a category or a subcategory ending in "-") into the
// billable code the note supports: children are chosen by the words the note uses (laterality,
// encounter, type), otherwise the "unspecified" child; 7th characters default to the initial
// encounter.
#include <algorithm>
#include <atomic>
#include <cstdint>
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
// The sentence's words as a refinement sees them. Children are scored word by word against
// these lists, and most of their words are not in the sentence: a 64-bit mask of each list
// (one bit per id % 64) answers "no" for those without scanning the list.
class RefineContext {
 public:
  void Clear() {
    words_.clear();
    absent_.clear();
    near_.clear();
    words_mask_ = absent_mask_ = near_mask_ = 0;
  }
  void AddWord(WordId w) { Add(words_, words_mask_, w); }
  void AddAbsent(WordId w) { Add(absent_, absent_mask_, w); }
  // The mention's own phrase. Replacing the index's unspecified code by a sibling needs the
  // words there: "acute upper GI bleed from a chronic-appearing gastric ulcer" is not an
  // acute ulcer. Empty: the whole sentence is used.
  void ClearNear() {
    near_.clear();
    near_mask_ = 0;
  }
  void AddNear(WordId w) { Add(near_, near_mask_, w); }

  bool Has(WordId w) const { return In(words_, words_mask_, w); }
  bool Absent(WordId w) const { return In(absent_, absent_mask_, w); }
  bool Near(WordId w) const { return near_.empty() ? Has(w) : In(near_, near_mask_, w); }

 private:
  static std::uint64_t Bit(WordId w) { return std::uint64_t{1} << (w % 64); }
  static void Add(std::vector<WordId>& list, std::uint64_t& mask, WordId w) {
    list.push_back(w);
    mask |= Bit(w);
  }
  // A sentence is short: past the mask, a linear scan beats hashing.
  static bool In(const std::vector<WordId>& list, std::uint64_t mask, WordId w) {
    return (mask & Bit(w)) != 0 && std::find(list.begin(), list.end(), w) != list.end();
  }
  std::vector<WordId> words_;
  std::vector<WordId> absent_;
  std::vector<WordId> near_;
  std::uint64_t words_mask_ = 0;
  std::uint64_t absent_mask_ = 0;
  std::uint64_t near_mask_ = 0;
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
  // `evidence`: a ChildWords::evidence.
  Score Support(const std::vector<WordId>& evidence, const RefineContext& context,
                bool near = false) const;
  // "disorder", "disease", "induced": words any sentence may hold; they choose no child code.
  bool IsGeneric(WordId w) const {
    return std::find(generic_.begin(), generic_.end(), w) != generic_.end();
  }
  // A code's title words against its parent's, computed on first use and kept: every note
  // that reaches a category asks the same questions of the same children.
  struct ChildWords {
    std::vector<WordId> added;  // multiset difference child − parent
    // `added` without any word the parent has, nor the fillers and generic words Support
    // passes over ("with" and "without" stay: they turn the sense of the words after them).
    // Dropped once here, they cost no tests in every note that reaches this code.
    std::vector<WordId> evidence;
    std::vector<codes::CodeId> children;
    bool unspecified_title = false;  // "unspecified" in the CMS long title
    // What ToBillable's fallbacks ask of every child on every note, answered once.
    bool adds_unspecified = false;  // "unspecified" among `added`
    bool code_ends_in_nine = false;
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
