#include "rules/code_refiner.hpp"

#include <algorithm>

namespace notecoder::rules {

CodeRefiner::CodeRefiner(const TermIndex& index)
    : index_(index),
      book_(index.book()),
      unspecified_(index.IdOf("unspecified")),
      words_(std::make_unique<std::atomic<const ChildWords*>[]>(index.book().CodeCount())) {
  for (const char* w : {"disease", "disorder", "condition", "complication", "induced", "related"}) {
    generic_.push_back(index.IdOf(w));
  }
  for (std::uint32_t c = 0; c < book_.CodeCount(); ++c) {
    words_[c].store(nullptr, std::memory_order_relaxed);
  }
}

CodeRefiner::~CodeRefiner() {
  for (std::uint32_t c = 0; c < book_.CodeCount(); ++c) {
    delete words_[c].load(std::memory_order_relaxed);
  }
}

const CodeRefiner::ChildWords& CodeRefiner::WordsOf(codes::CodeId code) const {
  std::atomic<const ChildWords*>& slot = words_[code];
  if (const ChildWords* known = slot.load(std::memory_order_acquire)) return *known;
  auto words = std::make_unique<ChildWords>();
  words->children = book_.Children(code);
  words->unspecified_title = book_.Title(code).find("nspecified") != std::string_view::npos;
  const codes::CodeId parent = book_.Parent(code);
  // The words a child title adds to its parent's (multiset difference: "unspecified" twice in
  // the child and once in the parent adds one "unspecified").
  words->added = index_.CodeTitleIds(code);
  if (parent != codes::kNone) {
    const auto& parent_words = index_.CodeTitleIds(parent);
    for (const WordId w : parent_words) {
      const auto it = std::find(words->added.begin(), words->added.end(), w);
      if (it != words->added.end()) words->added.erase(it);
    }
    // The words that say something the parent does not: a parent word repeated ("nicotine
    // dependence, cigarettes, with other nicotine-induced disorders") is no evidence.
    words->evidence = words->added;
    std::erase_if(words->evidence, [&](WordId w) {
      return std::find(parent_words.begin(), parent_words.end(), w) != parent_words.end();
    });
  } else {
    words->evidence = words->added;
  }
  words->adds_unspecified =
      std::find(words->added.begin(), words->added.end(), unspecified_) != words->added.end();
  const std::string_view code_text = book_.Code(code);
  words->code_ends_in_nine = !code_text.empty() && code_text.back() == '9';
  std::erase_if(words->evidence, [&](WordId w) {
    return w != index_.WithoutId() && w != index_.WithId() && (index_.IsFiller(w) || IsGeneric(w));
  });
  const ChildWords* expected = nullptr;
  if (slot.compare_exchange_strong(expected, words.get(), std::memory_order_acq_rel)) {
    return *words.release();
  }
  return *expected;  // another thread published the same answer first
}

// Support for a child title from the note: its own words present count for it; words it wants
// absent ("without macular edema") count when the note says so; a contradiction counts against.
CodeRefiner::Score CodeRefiner::Support(const std::vector<WordId>& evidence,
                                        const RefineContext& context, bool near) const {
  int hits = 0;
  int misses = 0;
  bool after_without = false;
  for (const WordId w : evidence) {
    if (w == index_.WithoutId()) {
      after_without = true;
      continue;
    }
    if (w == index_.WithId()) {
      after_without = false;
      // The only word of `evidence` that may still be a filler (ChildWords dropped the others).
      if (index_.IsFiller(w) || IsGeneric(w)) continue;
    }
    const bool absent = context.Absent(w);
    const bool present = (near ? context.Near(w) : context.Has(w)) && !absent;
    if (after_without) {
      hits += absent ? 1 : (present ? -1 : 0);
    } else {
      hits += present ? 1 : (absent ? -1 : 0);
      misses += (present || absent) ? 0 : 1;
    }
  }
  return Score{hits, misses};
}

// One level up: "Colles' fracture of unspecified radius, initial encounter" (S52.539A) is the
// 7th character of the unspecified S52.539, and the note's "right" picks S52.531 — then its own
// "A". Likewise F02.80 under "unspecified severity" F02.8 becomes F02.A0 for "mild".
codes::CodeId CodeRefiner::RechooseParent(codes::CodeId code, codes::CodeId parent,
                                          const RefineContext& context) const {
  if (!WordsOf(parent).unspecified_title) return code;
  const codes::CodeId grand = book_.Parent(parent);
  if (grand == codes::kNone) return code;
  codes::CodeId chosen = codes::kNone;
  int best = 0;
  for (codes::CodeId uncle : WordsOf(grand).children) {
    if (uncle == parent) continue;
    const Score support = Support(WordsOf(uncle).evidence, context, /*near=*/true);
    if (support.misses == 0 && support.hits > best) {
      best = support.hits;
      chosen = uncle;
    }
  }
  if (chosen == codes::kNone) return code;
  // The same last character under the chosen parent ("A" for the encounter, "0" for behaviour).
  const std::string_view text = book_.Code(code);
  for (codes::CodeId cousin : WordsOf(chosen).children) {
    const std::string_view c = book_.Code(cousin);
    if (book_.IsBillable(cousin) && c.size() == text.size() && c.back() == text.back())
      return cousin;
  }
  return code;
}

Refined CodeRefiner::ToBillable(codes::CodeId code, const RefineContext& context) const {
  Refined r;
  r.code = code;
  // The index often gives the unspecified code of a family ("Varix, with pain" → I83.819); the
  // note may say which one ("right lower extremity"): re-choose among its siblings then.
  if (code != codes::kNone && book_.IsBillable(code) && WordsOf(code).unspecified_title) {
    const codes::CodeId parent = book_.Parent(code);
    if (parent != codes::kNone) {
      // A sibling replaces it only when every word it adds is written: "right" for I83.811,
      // never "stage 5 ... end stage renal disease" because "stage" appears.
      int best = 0;
      for (codes::CodeId sibling : WordsOf(parent).children) {
        if (sibling == code || !book_.IsBillable(sibling)) continue;
        const Score support = Support(WordsOf(sibling).evidence, context, /*near=*/true);
        if (support.misses == 0 && support.hits > best) {
          best = support.hits;
          r.code = sibling;
        }
      }
      if (r.code == code) r.code = RechooseParent(code, parent, context);
    }
    return r;
  }
  for (int guard = 0; guard < 8 && r.code != codes::kNone && !book_.IsBillable(r.code); ++guard) {
    const auto& children = WordsOf(r.code).children;
    if (children.empty()) {
      r.code = codes::kNone;  // a header with no billable descendant in FY2026
      break;
    }
    codes::CodeId chosen = codes::kNone;
    int chosen_hits = 0;
    codes::CodeId unspecified = codes::kNone;
    codes::CodeId nine = codes::kNone;
    for (codes::CodeId c : children) {
      const ChildWords& words = WordsOf(c);
      // Hits decide; among equals, the child asking for fewer unwritten words ("bilateral"
      // over "right eye" when only "eye" is written).
      const Score support = Support(words.evidence, context);
      const int rank = support.hits * 16 - std::min(support.misses, 15);
      if (support.hits >= 1 && rank > chosen_hits) {
        chosen = c;
        chosen_hits = rank;
      }
      if (unspecified == codes::kNone && words.adds_unspecified) unspecified = c;
      if (nine == codes::kNone && words.code_ends_in_nine) nine = c;
    }
    if (chosen == codes::kNone) {
      r.defaulted = true;
      chosen = unspecified != codes::kNone ? unspecified
                                           : (nine != codes::kNone ? nine : children.front());
    }
    r.code = chosen;
  }
  if (r.code != codes::kNone && !book_.IsBillable(r.code)) r.code = codes::kNone;
  return r;
}

}  // namespace notecoder::rules
