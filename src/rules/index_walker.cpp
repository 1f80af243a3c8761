#include "rules/index_walker.hpp"

#include <algorithm>
#include <array>

#include "infra/radix_sort.hpp"
#include "rules/words.hpp"

namespace notecoder::rules {
namespace {

constexpr int kMaxDepth = 8;
constexpr int kMaxSeeHops = 3;
constexpr int kMaxLinkProbes = 48;
constexpr int kWalkBudget = 4000;  // nodes visited; bounds the search on adversarial notes

bool Contains(const std::vector<std::uint32_t>& v, std::uint32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// "without psychotic features", "no bleeding": words written as absent are no modifier. Only
// words after the main term count: in "no acute kidney failure" the negation is the whole
// mention's, for ConText to judge.
bool WrittenAbsent(const std::vector<ConceptToken>& toks, std::uint32_t p) {
  for (std::uint32_t back = 1; back <= 2 && back <= p; ++back) {
    const ConceptToken& t = toks[p - back];
    if (t.sentence != toks[p].sentence || toks[p - back + 1].boundary_before) break;
    if (t.key == "without" || t.key == "no" || t.key == "not") return true;
  }
  return false;
}

// A tie-breaker between subterms that match as many words: the nearer reading wins.
double Distance(const WalkScope& scope, const std::vector<std::uint32_t>& matched) {
  double d = 0;
  for (std::uint32_t p : matched) {
    const auto it = std::find(scope.direct.begin(), scope.direct.end(), p);
    d += static_cast<double>(it - scope.direct.begin());
  }
  return d * 0.001;
}

// A linked condition written in the same sentence ("diabetic peripheral neuropathy") outweighs
// one documented elsewhere, whatever their lengths: each mention takes its nearest link.
double LinkGain(const WalkScope& scope, const std::vector<std::uint32_t>& matched) {
  if (matched.empty()) return 0;
  const bool here = (*scope.tokens)[matched.front()].sentence == scope.sentence;
  return here ? static_cast<double>(matched.size()) + 0.5 : 0.5;
}

}  // namespace

struct IndexWalker::Best {
  WalkResult result;
  bool has = false;
  int budget = kWalkBudget;
};

namespace {
// Empties a result but keeps its vectors' capacity.
void ClearResult(WalkResult& r) {
  r.path.clear();
  r.coded_term = codes::kNone;
  r.used.clear();
  r.linked.clear();
  r.score = 0;
  r.via_link = false;
}
}  // namespace

namespace {
// Each depth's matched positions and candidate subterms. Explore used to allocate both on every
// call; these keep their capacity across the walks of a thread.
struct Level {
  std::vector<std::uint32_t> matched;
  std::vector<codes::TermId> candidates;
};
Level& LevelAt(int depth) {
  thread_local std::array<Level, kMaxDepth + 1> levels;
  return levels[static_cast<std::size_t>(depth)];
}
}  // namespace

namespace {
// The positions MatchDirect may not use, by list: any window.
class ListedExclusions {
 public:
  ListedExclusions(const std::vector<std::uint32_t>& taken,
                   const std::vector<std::uint32_t>& blocked, const std::vector<std::uint32_t>& out)
      : taken_(taken), blocked_(blocked), out_(out) {}
  bool Has(std::uint32_t p) const {
    return Contains(taken_, p) || Contains(out_, p) || Contains(blocked_, p);
  }
  void Add(std::uint32_t) {}  // `out` itself is searched
  void Restart() {}

 private:
  const std::vector<std::uint32_t>& taken_;
  const std::vector<std::uint32_t>& blocked_;
  const std::vector<std::uint32_t>& out_;
};

// The same by mask, for a window within PositionMask::kSpan positions: MatchDirect only asks
// about window positions, so taken and blocked ones outside it may be dropped. The mask of
// those is made on the first question: most calls find no occurrence of their words to ask
// about.
class MaskedExclusions {
 public:
  MaskedExclusions(std::uint32_t lo, const std::vector<std::uint32_t>& taken,
                   const std::vector<std::uint32_t>& blocked)
      : taken_(taken), blocked_(blocked), fixed_(lo), out_(lo) {}
  bool Has(std::uint32_t p) {
    if (!made_) {
      for (std::uint32_t q : taken_) fixed_.Add(q);
      for (std::uint32_t q : blocked_) fixed_.Add(q);
      made_ = true;
    }
    return fixed_.Has(p) | out_.Has(p);
  }
  void Add(std::uint32_t p) { out_.Add(p); }
  void Restart() { out_.Clear(); }

 private:
  const std::vector<std::uint32_t>& taken_;
  const std::vector<std::uint32_t>& blocked_;
  PositionMask fixed_;  // taken or blocked
  PositionMask out_;    // in the reading being built
  bool made_ = false;
};
}  // namespace

template <class Excluded>
bool IndexWalker::FindDirect(const std::vector<WordId>& keys, const WalkScope& scope,
                             Excluded& excluded, std::vector<std::uint32_t>& out, bool absent) {
  const auto usable = [&](std::uint32_t p, WordId key) {
    return (*scope.tokens)[p].id == key && !excluded.Has(p) &&
           (p > scope.anchor && WrittenAbsent(*scope.tokens, p)) == absent;
  };
  const auto distance = [](std::uint32_t a, std::uint32_t b) { return a > b ? a - b : b - a; };
  // Each occurrence of the first word, nearest the main term first, anchors a reading; the
  // other words are taken nearest that anchor ("acute ... on chronic", not a later "acute").
  for (std::uint32_t anchor : scope.direct) {
    out.clear();
    excluded.Restart();
    if (!usable(anchor, keys.front())) continue;
    out.push_back(anchor);
    excluded.Add(anchor);
    bool ok = true;
    for (std::size_t k = 1; k < keys.size() && ok; ++k) {
      std::uint32_t best = 0;
      bool found = false;
      for (std::uint32_t p : scope.direct) {
        if (usable(p, keys[k]) && (!found || distance(p, anchor) < distance(best, anchor))) {
          best = p;
          found = true;
        }
      }
      ok = found;
      if (found) {
        out.push_back(best);
        excluded.Add(best);
      }
    }
    if (!ok) continue;
    const auto [lo, hi] = std::minmax_element(out.begin(), out.end());
    if (out.size() == 1 || *hi - *lo <= out.size() + 2) return true;
  }
  return false;
}

bool IndexWalker::MatchDirect(const std::vector<WordId>& keys, const WalkScope& scope,
                              const std::vector<std::uint32_t>& taken,
                              std::vector<std::uint32_t>& out, bool absent) const {
  out.clear();
  if (keys.empty() || !scope.MayHaveAll(keys)) return false;
  bool matched;
  if (scope.direct_near) {
    MaskedExclusions excluded(scope.direct_lo, taken, scope.blocked);
    matched = FindDirect(keys, scope, excluded, out, absent);
  } else {
    ListedExclusions excluded(taken, scope.blocked, out);
    matched = FindDirect(keys, scope, excluded, out, absent);
  }
  if (!matched) {
    out.clear();
    return false;
  }
  // Another abbreviation's words serve only whole: "E. coli" (escherichia coli) may qualify
  // sepsis, but "TIA" lends no "transient" to the hypertension beside it.
  if (scope.head_src != 0xFFFFFFFFu) {
    for (std::uint32_t p : out) {
      const ConceptToken& tok = (*scope.tokens)[p];
      if (!tok.expanded || tok.qualifier || tok.src_first == scope.head_src) continue;
      const auto whole = std::count_if(
          scope.direct.begin(), scope.direct.end(),
          [&](std::uint32_t q) { return (*scope.tokens)[q].src_first == tok.src_first; });
      const auto used = std::count_if(out.begin(), out.end(), [&](std::uint32_t q) {
        return (*scope.tokens)[q].src_first == tok.src_first;
      });
      if (used != whole) {
        out.clear();
        return false;
      }
    }
  }
  return true;
}

bool IndexWalker::MatchNearLink(const std::vector<WordId>& keys, const WalkScope& scope,
                                const std::vector<std::uint32_t>& taken,
                                std::vector<std::uint32_t>& out) const {
  if (!MatchDirect(keys, scope, taken, out)) return false;
  if (scope.link_ok && !std::all_of(out.begin(), out.end(), *scope.link_ok)) {
    out.clear();
    return false;
  }
  return true;
}

bool IndexWalker::MatchWithout(const std::vector<WordId>& keys, const WalkScope& scope,
                               const std::vector<std::uint32_t>& taken,
                               std::vector<std::uint32_t>& out) const {
  if (!MatchDirect(keys, scope, taken, out, /*absent=*/true)) return false;
  const std::uint32_t first = *std::min_element(out.begin(), out.end());
  const auto& toks = *scope.tokens;
  const bool said = first > 0 && toks[first - 1].sentence == toks[first].sentence &&
                    (toks[first - 1].key == "without" || toks[first - 1].key == "no");
  if (!said) out.clear();
  return said;
}

bool IndexWalker::MatchLinked(const std::vector<WordId>& keys, const WalkScope& scope,
                              const std::vector<std::uint32_t>& taken, bool anywhere,
                              std::vector<std::uint32_t>& out) const {
  out.clear();
  if (scope.linkable == nullptr || keys.empty()) return false;
  for (WordId k : keys) {
    if (!scope.linkable->MayContain(k)) return false;
  }
  const auto positions = scope.linkable->Of(keys.front());  // ascending
  if (positions.empty()) return false;
  const auto& toks = *scope.tokens;
  // The words of the linked condition must sit together (within a few tokens, one sentence).
  const std::uint32_t window = static_cast<std::uint32_t>(keys.size()) + 2;
  const auto try_at = [&](std::uint32_t p) {
    if (!anywhere && toks[p].sentence != scope.sentence) return false;
    if (Contains(taken, p) || Contains(scope.blocked, p)) return false;
    if (scope.link_ok && !(*scope.link_ok)(p)) return false;
    out.assign(1, p);
    for (std::size_t k = 1; k < keys.size(); ++k) {
      const auto others = scope.linkable->Of(keys[k]);
      const auto lo =
          std::lower_bound(others.begin(), others.end(),
                           std::pair<WordId, std::uint32_t>{keys[k], p > window ? p - window : 0});
      // The nearest occurrence: "AKI on CKD" must take CKD's "kidney", not the AKI's.
      std::uint32_t best = 0;
      std::uint32_t best_distance = window + 1;
      for (auto q = lo; q != others.end() && q->second <= p + window; ++q) {
        if (toks[q->second].sentence != toks[p].sentence || Contains(out, q->second) ||
            Contains(taken, q->second) || Contains(scope.blocked, q->second)) {
          continue;
        }
        const std::uint32_t distance = q->second > p ? q->second - p : p - q->second;
        if (distance < best_distance) {
          best = q->second;
          best_distance = distance;
        }
      }
      if (best_distance > window) return false;
      out.push_back(best);
    }
    return true;
  };
  // Nearest occurrences first, and a bounded number of them: a 5 MB note repeating one
  // condition must not make every mention scan all the others.
  const auto mid = std::lower_bound(positions.begin(), positions.end(),
                                    std::pair<WordId, std::uint32_t>{keys.front(), scope.anchor}) -
                   positions.begin();
  std::ptrdiff_t left = mid - 1;
  std::ptrdiff_t right = mid;
  const auto n = static_cast<std::ptrdiff_t>(positions.size());
  for (int probe = 0; probe < kMaxLinkProbes && (left >= 0 || right < n); ++probe) {
    std::uint32_t p;
    const bool take_right = right < n && (left < 0 || positions[right].second - scope.anchor <=
                                                          scope.anchor - positions[left].second);
    if (take_right) {
      p = positions[right++].second;
    } else {
      p = positions[left--].second;
    }
    if (try_at(p)) return true;
  }
  out.clear();
  return false;
}

void KeyPositions::Seal() {
  // Positions arrive ascending; a stable sort by word keeps them so within a word.
  infra::RadixSortBy(entries_, scratch_, [](const auto& e) { return e.first; });
  bits_.fill(0);
  for (const auto& e : entries_) bits_[(e.first / 64) % bits_.size()] |= Bit(e.first);
}

codes::TermId IndexWalker::FollowSee(codes::TermId t) const { return index_.SeeTarget(t); }

void IndexWalker::Explore(codes::TermId node, const WalkScope& scope,
                          std::vector<std::uint32_t>& taken, int depth, Best& best,
                          WalkResult& current) const {
  const auto& book = index_.book();
  // Record the path so far as a candidate answer.
  const bool better =
      !best.has || current.score > best.result.score ||
      (current.score == best.result.score && current.path.size() < best.result.path.size());
  if (better) {
    best.result = current;
    best.has = true;
  }
  if (depth >= kMaxDepth || --best.budget <= 0) return;

  Level& level = LevelAt(depth);
  std::vector<std::uint32_t>& matched = level.matched;
  const auto descend = [&](codes::TermId via_link, codes::TermId child, double gained,
                           bool linked) {
    const std::size_t path_size = current.path.size();
    const std::size_t used_size = current.used.size();
    const std::size_t linked_size = current.linked.size();
    const std::size_t taken_size = taken.size();
    const double score = current.score;
    const bool was_link = current.via_link;
    if (via_link != codes::kNone) current.path.push_back(via_link);
    current.path.push_back(child);
    auto& dst = linked ? current.linked : current.used;
    dst.insert(dst.end(), matched.begin(), matched.end());
    taken.insert(taken.end(), matched.begin(), matched.end());
    current.score += gained;
    current.via_link = was_link || linked;
    codes::TermId next = child;
    // A subterm that only points elsewhere ("see Failure, heart, systolic") continues there.
    for (int hop = 0; hop < kMaxSeeHops && index_.Brief(next).see_only; ++hop) {
      const codes::TermId target = FollowSee(next);
      if (target == codes::kNone || target == next) break;
      current.path.push_back(target);
      next = target;
    }
    Explore(next, scope, taken, depth + 1, best, current);
    current.path.resize(path_size);
    current.used.resize(used_size);
    current.linked.resize(linked_size);
    taken.resize(taken_size);
    current.score = score;
    current.via_link = was_link;
  };

  // Candidate subterms: all of them for a small term; for a large one, those a window word can
  // select plus the links, in index order either way.
  std::vector<codes::TermId>& candidates = level.candidates;
  const TermIndex::ChildLookup* lookup = index_.ChildrenByWord(node);
  if (lookup != nullptr) {
    candidates.assign(lookup->always.begin(), lookup->always.end());
    for (std::uint32_t p : scope.direct) {
      const auto selected = index_.ChildrenWithWord(*lookup, (*scope.tokens)[p].id);
      candidates.insert(candidates.end(), selected.begin(), selected.end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  // A small term's subterms are tried in place, without building a list.
  const auto range = book.SubTermRange(node);
  const std::size_t count = lookup != nullptr ? candidates.size() : range.last - range.first;
  for (std::size_t k = 0; k < count; ++k) {
    const codes::TermId child =
        lookup != nullptr ? candidates[k] : range.first + static_cast<codes::TermId>(k);
    const TermBrief& brief = index_.Brief(child);
    if (brief.role == TermRole::kSkip) continue;
    // A modifier whose words are not all among the window's cannot match (MatchDirect's own
    // first test, answered here without touching its TermInfo).
    if (brief.role == TermRole::kModifier && !brief.has_alternatives &&
        (brief.word_bits & ~scope.direct_mask) != 0) {
      continue;
    }
    const TermInfo& info = index_.Info(child);
    if (info.role == TermRole::kModifier) {
      if (MatchDirect(info.ids, scope, taken, matched)) {
        descend(codes::kNone, child,
                static_cast<double>(info.ids.size()) - Distance(scope, matched), false);
      } else {
        for (const auto& alt : info.alternatives) {
          if (MatchDirect(alt, scope, taken, matched)) {
            descend(codes::kNone, child, static_cast<double>(alt.size()) - Distance(scope, matched),
                    false);
            break;
          }
        }
      }
      continue;
    }
    if (info.role == TermRole::kLinkedCondition) {
      if (MatchNearLink(info.ids, scope, taken, matched) ||
          MatchLinked(info.ids, scope, taken, info.link_anywhere, matched)) {
        descend(codes::kNone, child, LinkGain(scope, matched), true);
      }
      continue;
    }
    if (info.role == TermRole::kWithout) {
      if (MatchWithout(info.ids, scope, taken, matched)) {
        descend(codes::kNone, child, static_cast<double>(info.ids.size()), false);
      } else if (!MatchDirect(info.ids, scope, taken, matched)) {
        // "without psychotic features" is what a coder assumes when the note does not mention
        // them: pass through it at no gain, so that "moderate" below it can still be read.
        matched.clear();
        descend(codes::kNone, child, 0.0, false);
      }
      continue;
    }
    // A link: its children are conditions the note may document anywhere.
    const auto grand_range = book.SubTermRange(child);
    for (codes::TermId grand = grand_range.first; grand < grand_range.last; ++grand) {
      const TermBrief& gb = index_.Brief(grand);
      if (gb.role != TermRole::kModifier && gb.role != TermRole::kLinkedCondition) continue;
      // Neither beside the main term (MatchNearLink: all words in the window) nor anywhere
      // (MatchLinked: the first word among the linkable ones): most conditions under a link
      // are rejected here, without their TermInfo.
      if (!gb.has_aliases && (gb.word_bits & ~scope.direct_mask) != 0 &&
          (scope.linkable == nullptr || !scope.linkable->MayContain(gb.first_word))) {
        continue;
      }
      const TermInfo& g = index_.Info(grand);
      const bool anywhere = info.link_anywhere;
      bool ok = MatchNearLink(g.ids, scope, taken, matched) ||
                MatchLinked(g.ids, scope, taken, anywhere, matched);
      if (!ok && gb.has_aliases) {
        for (const auto& alias : index_.LinkAliases(grand)) {
          if (MatchNearLink(alias, scope, taken, matched) ||
              MatchLinked(alias, scope, taken, anywhere, matched)) {
            ok = true;
            break;
          }
        }
      }
      if (ok) descend(child, grand, LinkGain(scope, matched), true);
    }
  }
}

std::vector<WalkResult> IndexWalker::LinkedSiblings(const WalkResult& best, codes::TermId start,
                                                    const WalkScope& scope) const {
  std::vector<WalkResult> out;
  const auto& book = index_.book();
  std::size_t link_at = best.path.size();
  for (std::size_t k = 0; k + 1 < best.path.size(); ++k) {
    if (index_.Info(best.path[k]).role == TermRole::kLink) link_at = k;
  }
  if (link_at == best.path.size()) return out;
  // Only "with" lists conditions that coexist; "due to" and "in" name one cause.
  if (!index_.Info(best.path[link_at]).starts_with_with) return out;
  std::vector<std::uint32_t> taken(best.used);
  taken.insert(taken.end(), best.linked.begin(), best.linked.end());
  // Words the best reading already stands for: a second "heart failure" elsewhere in the note is
  // the same condition, not another one.
  std::vector<WordId> represented;
  for (std::uint32_t p : taken) represented.push_back((*scope.tokens)[p].id);
  std::vector<std::uint32_t> matched;
  const auto range = book.SubTermRange(best.path[link_at]);
  constexpr std::size_t kMaxSiblings = 4;
  for (codes::TermId c = range.first; c < range.last && out.size() < kMaxSiblings; ++c) {
    if (c == best.path[link_at + 1]) continue;
    const TermInfo& info = index_.Info(c);
    if (info.role != TermRole::kModifier && info.role != TermRole::kLinkedCondition) continue;
    const bool anywhere = index_.Info(best.path[link_at]).link_anywhere;
    bool ok = MatchNearLink(info.ids, scope, taken, matched) ||
              MatchLinked(info.ids, scope, taken, anywhere, matched);
    for (const auto& alias : index_.LinkAliases(c)) {
      if (ok) break;
      ok = MatchNearLink(alias, scope, taken, matched) ||
           MatchLinked(alias, scope, taken, anywhere, matched);
    }
    if (!ok) continue;
    const bool known = std::all_of(matched.begin(), matched.end(), [&](std::uint32_t p) {
      return std::find(represented.begin(), represented.end(), (*scope.tokens)[p].id) !=
             represented.end();
    });
    if (known) continue;
    WalkResult r;
    r.path.assign(best.path.begin(), best.path.begin() + static_cast<std::ptrdiff_t>(link_at) + 1);
    r.path.push_back(c);
    codes::TermId next = c;
    for (int hop = 0; hop < kMaxSeeHops && index_.Brief(next).see_only; ++hop) {
      const codes::TermId target = FollowSee(next);
      if (target == codes::kNone || target == next) break;
      r.path.push_back(target);
      next = target;
    }
    r.coded_term = book.TermCode(start) ? start : codes::kNone;
    for (codes::TermId t : r.path) {
      if (book.TermCode(t)) r.coded_term = t;
    }
    if (r.coded_term != next) continue;  // the condition itself must carry the code
    r.used = best.used;
    r.linked = matched;
    r.score = best.score;
    r.via_link = true;
    taken.insert(taken.end(), matched.begin(), matched.end());
    out.push_back(std::move(r));
  }
  return out;
}

WalkResult IndexWalker::Walk(codes::TermId start, const WalkScope& scope) const {
  const auto& book = index_.book();
  // A rotation makes some 2 000 walks: allocating the path, the taken positions and each copy of
  // the best path anew for every one cost more than the walks' own tests. The thread keeps them;
  // a walk never starts another (link_ok only assesses), so one set per thread suffices.
  thread_local Best best;
  thread_local WalkResult current;
  thread_local std::vector<std::uint32_t> taken;
  const auto reset_best = [] {
    ClearResult(best.result);
    best.has = false;
    best.budget = kWalkBudget;
  };
  reset_best();
  ClearResult(current);
  taken.clear();
  codes::TermId root = start;
  if (!book.TermCode(root) && !book.TermSee(root).empty()) {
    const codes::TermId target = FollowSee(root);
    if (target != codes::kNone) {
      current.path.push_back(target);
      root = target;
    }
  }
  Explore(root, scope, taken, 0, best, current);
  // "Pyelonephritis - see also Nephritis, tubulo-interstitial": a main term without a code of
  // its own, read no further by the note, sends the coder to its "see also".
  // Only a "see also" that names a subterm ("Nephritis, tubulo-interstitial"): one naming
  // another main term ("Clot - see also Embolism") is a pointer, not a diagnosis.
  if (scope.follow_see_also && best.result.path.empty() && !book.TermCode(root) &&
      !book.TermSeeAlso(root).empty()) {
    const codes::TermId also = index_.SeeAlsoTarget(root);
    if (also != codes::kNone && also != root && book.TermParent(also) != codes::kNone) {
      ClearResult(current);
      current.path.push_back(also);
      reset_best();
      Explore(also, scope, taken, 0, best, current);
    }
  }
  WalkResult r = best.result;  // a copy sized to the answer; the scratch keeps its capacity
  // The code is the deepest term on the path that has one (links and "complicating" have none).
  r.coded_term = book.TermCode(start) ? start : codes::kNone;
  for (codes::TermId t : r.path) {
    if (book.TermCode(t)) r.coded_term = t;
  }
  return r;
}

}  // namespace notecoder::rules
