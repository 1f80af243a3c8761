#pragma once
// Walks the Alphabetic Index from a term down its subterms, the way a coder reads it: a subterm
// is taken when its words are written near the main term (modifiers: "chronic", "stage 3b"), or,
// under "with"/"in"/"due to", when the condition it names is documented elsewhere in the note
// (ICD-10-CM presumes those links). "see" references are followed. The deepest path that accounts
// for the most written words wins.
#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/concept_stream.hpp"
#include "rules/position_mask.hpp"
#include "rules/term_index.hpp"

namespace notecoder::rules {

// Positions of each word among the note's concept tokens that may complete a link: one sorted
// array, no allocation per word.
class KeyPositions {
 public:
  void Reserve(std::size_t n) { entries_.reserve(n); }
  void Add(WordId id, std::uint32_t position) { entries_.push_back({id, position}); }
  // Sorts by word; call after the last Add.
  void Seal();
  // False when `id` has no position: most index words a walk asks about are not in the note,
  // and this answers for them without a search.
  bool MayContain(WordId id) const { return (bits_[(id / 64) % bits_.size()] & Bit(id)) != 0; }
  // Ascending positions of `id`.
  std::span<const std::pair<WordId, std::uint32_t>> Of(WordId id) const {
    // Binary search both ends: a 5 MB note repeats "disease" tens of thousands of times.
    const auto* lo = FirstNotBefore(id, [](WordId a, WordId b) { return a < b; });
    const auto* hi = FirstNotBefore(id, [](WordId a, WordId b) { return a <= b; });
    return {lo, hi};
  }

 private:
  static std::uint64_t Bit(WordId id) { return std::uint64_t{1} << (id % 64); }
  // The first entry whose word is not `before` id. Each halving step picks its half without a
  // branch: a note's words send a search left or right at random, and std::equal_range's
  // branches mispredicted about every other step.
  template <class Before>
  const std::pair<WordId, std::uint32_t>* FirstNotBefore(WordId id, Before before) const {
    const auto* base = entries_.data();
    std::size_t n = entries_.size();
    if (n == 0) return base;
    while (n > 1) {
      const std::size_t half = n / 2;
      base = before(base[half].first, id) ? base + half : base;
      n -= half;
    }
    return base + (before(base->first, id) ? 1 : 0);
  }
  std::vector<std::pair<WordId, std::uint32_t>> entries_;
  std::vector<std::pair<WordId, std::uint32_t>> scratch_;
  std::array<std::uint64_t, 64> bits_{};  // a 4096-bit filter of the ids present
};

struct WalkScope {
  const std::vector<ConceptToken>* tokens = nullptr;
  std::vector<std::uint32_t> direct;       // positions usable as modifiers, nearest first
  std::vector<std::uint32_t> blocked;      // positions never used (the head itself)
  const KeyPositions* linkable = nullptr;  // null: links are not followed
  const std::function<bool(std::uint32_t)>* link_ok = nullptr;  // e.g. asserted present
  std::uint32_t sentence = 0;  // the head's sentence; links there are preferred
  std::uint32_t anchor = 0;    // the head's position; far links are tried nearest first
  // Words an abbreviation expanded to modify only their own expansion: "TIA" gives "transient"
  // to "attack", never to the "hypertension" next to it. kNone: no restriction.
  std::uint32_t head_src = 0xFFFFFFFFu;
  bool follow_see_also = false;  // a main term with nothing else to offer follows its "see also"
  // One bit per (id % 64) of the ids at `direct`: a subterm whose words are not all among them
  // cannot match, and most subterms are rejected on this alone. Call SealDirect() after
  // filling `direct`; all bits set means no filtering.
  std::uint64_t direct_mask = ~std::uint64_t{0};
  // `direct` lies within PositionMask::kSpan positions from direct_lo: which of them are taken
  // is then one mask, not a search of lists. False (lists searched) until SealDirect().
  bool direct_near = false;
  std::uint32_t direct_lo = 0;
  void SealDirect() {
    direct_mask = 0;
    std::uint32_t lo = 0xFFFFFFFFu;
    std::uint32_t hi = 0;
    for (std::uint32_t p : direct) {
      direct_mask |= std::uint64_t{1} << ((*tokens)[p].id % 64);
      lo = std::min(lo, p);  // no branch: the window alternates sides of the head
      hi = std::max(hi, p);
    }
    direct_near = !direct.empty() && hi - lo < PositionMask::kSpan;
    direct_lo = lo;
  }
  bool MayHaveAll(const std::vector<WordId>& keys) const {
    for (WordId k : keys) {
      if ((direct_mask & (std::uint64_t{1} << (k % 64))) == 0) return false;
    }
    return true;
  }
};

struct WalkResult {
  std::vector<codes::TermId> path;          // terms chosen below the start term, in order
  codes::TermId coded_term = codes::kNone;  // deepest term on the (see-resolved) path with a code
  std::vector<std::uint32_t> used;          // positions taken as modifiers
  std::vector<std::uint32_t> linked;        // positions taken through links
  double score = 0;                         // words accounted for
  bool via_link = false;
};

class IndexWalker {
 public:
  explicit IndexWalker(const TermIndex& index) : index_(index) {}
  // Walks from `start` (a main term, or any term) and returns the best path.
  WalkResult Walk(codes::TermId start, const WalkScope& scope) const;
  // Other conditions documented under the same "with" as the best path's link: "COPD with
  // exacerbation" and "with pneumonia", "diabetes with CKD" and "with neuropathy" are each a
  // code. Each result ends at one such condition.
  std::vector<WalkResult> LinkedSiblings(const WalkResult& best, codes::TermId start,
                                         const WalkScope& scope) const;

 private:
  struct Best;
  void Explore(codes::TermId node, const WalkScope& scope, std::vector<std::uint32_t>& taken,
               int depth, Best& best, WalkResult& current) const;
  // `absent`: match words the note writes as absent ("without aura") instead of present ones.
  bool MatchDirect(const std::vector<WordId>& keys, const WalkScope& scope,
                   const std::vector<std::uint32_t>& taken, std::vector<std::uint32_t>& out,
                   bool absent = false) const;
  // MatchDirect's search for a reading; `Excluded` tells which positions are taken, blocked or
  // already in `out`.
  template <class Excluded>
  static bool FindDirect(const std::vector<WordId>& keys, const WalkScope& scope,
                         Excluded& excluded, std::vector<std::uint32_t>& out, bool absent);
  bool MatchLinked(const std::vector<WordId>& keys, const WalkScope& scope,
                   const std::vector<std::uint32_t>& taken, bool anywhere,
                   std::vector<std::uint32_t>& out) const;
  // A linked condition written next to the main term, asserted present ("without aura" is not).
  bool MatchNearLink(const std::vector<WordId>& keys, const WalkScope& scope,
                     const std::vector<std::uint32_t>& taken,
                     std::vector<std::uint32_t>& out) const;
  bool MatchWithout(const std::vector<WordId>& keys, const WalkScope& scope,
                    const std::vector<std::uint32_t>& taken, std::vector<std::uint32_t>& out) const;
  codes::TermId FollowSee(codes::TermId t) const;

  const TermIndex& index_;
};

}  // namespace notecoder::rules
