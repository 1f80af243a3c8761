#include "rules/code_refiner.hpp"

#include <algorithm>

namespace notecoder::rules {

// The words a child title adds to its parent's (multiset difference: "unspecified" twice in the
// child and once in the parent adds one "unspecified").
std::vector<WordId> CodeRefiner::AddedWords(codes::CodeId child, codes::CodeId parent) const {
  std::vector<WordId> added = index_.CodeTitleIds(child);
  for (const WordId w : index_.CodeTitleIds(parent)) {
    const auto it = std::find(added.begin(), added.end(), w);
    if (it != added.end()) added.erase(it);
  }
  return added;
}

// The words of a child title that say something its parent does not: a parent word repeated
// ("nicotine dependence, cigarettes, with other nicotine-induced disorders") is no evidence.
std::vector<WordId> CodeRefiner::NewWords(codes::CodeId child, codes::CodeId parent) const {
  std::vector<WordId> added = AddedWords(child, parent);
  const auto& parent_words = index_.CodeTitleIds(parent);
  std::erase_if(added, [&](WordId w) {
    return std::find(parent_words.begin(), parent_words.end(), w) != parent_words.end();
  });
  return added;
}

// Support for a child title from the note: its own words present count for it; words it wants
// absent ("without macular edema") count when the note says so; a contradiction counts against.
CodeRefiner::Score CodeRefiner::Support(const std::vector<WordId>& added,
                                        const RefineContext& context, bool near) const {
  int hits = 0;
  int misses = 0;
  bool after_without = false;
  for (const WordId w : added) {
    if (w == index_.WithoutId()) {
      after_without = true;
      continue;
    }
    if (w == index_.WithId()) after_without = false;
    if (index_.IsFiller(w) || IsGeneric(w)) continue;
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
  if (book_.Title(parent).find("nspecified") == std::string_view::npos) return code;
  const codes::CodeId grand = book_.Parent(parent);
  if (grand == codes::kNone) return code;
  codes::CodeId chosen = codes::kNone;
  int best = 0;
  for (codes::CodeId uncle : book_.Children(grand)) {
    if (uncle == parent) continue;
    const Score support = Support(NewWords(uncle, grand), context, /*near=*/true);
    if (support.misses == 0 && support.hits > best) {
      best = support.hits;
      chosen = uncle;
    }
  }
  if (chosen == codes::kNone) return code;
  // The same last character under the chosen parent ("A" for the encounter, "0" for behaviour).
  const std::string_view text = book_.Code(code);
  for (codes::CodeId cousin : book_.Children(chosen)) {
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
  if (code != codes::kNone && book_.IsBillable(code) &&
      book_.Title(code).find("nspecified") != std::string_view::npos) {
    const codes::CodeId parent = book_.Parent(code);
    if (parent != codes::kNone) {
      // A sibling replaces it only when every word it adds is written: "right" for I83.811,
      // never "stage 5 ... end stage renal disease" because "stage" appears.
      int best = 0;
      for (codes::CodeId sibling : book_.Children(parent)) {
        if (sibling == code || !book_.IsBillable(sibling)) continue;
        const Score support = Support(NewWords(sibling, parent), context, /*near=*/true);
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
    const auto children = book_.Children(r.code);
    if (children.empty()) {
      r.code = codes::kNone;  // a header with no billable descendant in FY2026
      break;
    }
    codes::CodeId chosen = codes::kNone;
    int chosen_hits = 0;
    codes::CodeId unspecified = codes::kNone;
    codes::CodeId nine = codes::kNone;
    for (codes::CodeId c : children) {
      const auto added = AddedWords(c, r.code);
      // Hits decide; among equals, the child asking for fewer unwritten words ("bilateral"
      // over "right eye" when only "eye" is written).
      const Score support = Support(NewWords(c, r.code), context);
      const int rank = support.hits * 16 - std::min(support.misses, 15);
      if (support.hits >= 1 && rank > chosen_hits) {
        chosen = c;
        chosen_hits = rank;
      }
      if (unspecified == codes::kNone &&
          std::find(added.begin(), added.end(), unspecified_) != added.end()) {
        unspecified = c;
      }
      const auto code_text = book_.Code(c);
      if (nine == codes::kNone && !code_text.empty() && code_text.back() == '9') nine = c;
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
