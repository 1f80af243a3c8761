#include "rules/mention_finder.hpp"

#include <algorithm>
#include <functional>
#include <unordered_set>

#include "nlp/context.hpp"
#include "nlp/word_list.hpp"
#include "rules/lexicon.hpp"
#include "rules/words.hpp"

namespace notecoder::rules {
namespace {

constexpr std::uint32_t kPhraseReach = 6;  // tokens a modifier may stand from its main term

nlp::Span SourceSpan(const nlp::Document& doc, const ConceptToken& t) {
  return nlp::Span{doc.tokens[t.src_first].span.begin, doc.tokens[t.src_last - 1].span.end};
}

// Groups positions into evidence spans: neighbouring tokens (same sentence, ≤ 2 apart) merge.
// Sorts `positions` in place.
std::vector<nlp::Span> SpansOf(const nlp::Document& doc, const std::vector<ConceptToken>& tokens,
                               std::vector<std::uint32_t>& positions) {
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  std::vector<nlp::Span> spans;
  std::uint32_t prev = 0;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const auto p = positions[i];
    const nlp::Span s = SourceSpan(doc, tokens[p]);
    if (i > 0 && tokens[p].sentence == tokens[prev].sentence && p - prev <= 2) {
      spans.back().begin = std::min(spans.back().begin, s.begin);
      spans.back().end = std::max(spans.back().end, s.end);
    } else {
      spans.push_back(s);
    }
    prev = p;
  }
  return spans;
}

// The sentence's words for choosing among child codes; words within three after "without" or
// "no" are documented as absent. One pass that carries the last negator still in reach: which
// words are unknown or negated depends on the note, so the nested loop this replaces
// mispredicted on most words.
void SentenceContext(const TermIndex& index, const std::vector<ConceptToken>& tokens,
                     std::uint32_t sb, std::uint32_t se, RefineContext& c) {
  c.Clear();
  constexpr std::uint32_t kNoNegator = 0xFFFFFFFFu;
  std::uint32_t negator = kNoNegator;
  for (std::uint32_t p = sb; p < se; ++p) {
    const ConceptToken& t = tokens[p];
    // A boundary ends a negator's reach, except one right after it ("without, bilateral"
    // still reads as absent).
    if (t.boundary_before && negator != kNoNegator && negator + 2 <= p) negator = kNoNegator;
    // Unknown words join the lists too: no child title word is unknown, so they are never
    // asked for, and adding them costs no branch.
    c.AddWord(t.id);
    if (negator != kNoNegator && p - negator <= 3) c.AddAbsent(t.id);
    if (index.IsNegator(t.id)) negator = p;
  }
}

}  // namespace

MentionFinder::MentionFinder(const TermIndex& index, const IndexWalker& walker,
                             const CodeRefiner& refiner, const TitleDictionary& titles)
    : index_(index), walker_(walker), refiner_(refiner), titles_(titles) {
  const auto mark = [&](std::vector<bool>& flags, std::string_view word) {
    for (const auto& k : TitleKeys(word)) {
      const WordId id = index_.IdOf(k);
      if (id == kUnknownWord) continue;
      if (flags.size() <= id) flags.resize(id + 1, false);
      flags[id] = true;
    }
  };
  for (auto w : PreventionWords()) mark(prevention_, w);
  for (auto w :
       {"vaccine", "vaccination", "vaccinated", "immunization", "booster", "tdap", "dtap", "mmr"}) {
    mark(vaccines_, w);
  }
  for (auto w : FindingMainTerms()) {
    for (auto& k : TitleKeys(w)) findings_.insert(std::move(k));
  }
}

bool IsAssessmentSection(nlp::SectionKind kind) {
  return kind == nlp::SectionKind::kAssessment || kind == nlp::SectionKind::kAssessmentAndPlan ||
         kind == nlp::SectionKind::kProblemList;
}

bool IsNonDiagnosticSection(nlp::SectionKind kind) {
  return kind == nlp::SectionKind::kMedications || kind == nlp::SectionKind::kAllergies ||
         kind == nlp::SectionKind::kVitals || kind == nlp::SectionKind::kImmunizations;
}

void MentionFinder::PhraseWindow(const std::vector<ConceptToken>& tokens,
                                 std::uint32_t sentence_begin, std::uint32_t sentence_end,
                                 std::uint32_t first, std::uint32_t last,
                                 std::vector<std::uint32_t>& window) {
  // Modifiers stay within the clause: a comma does not end it ("heart failure, chronic,
  // systolic"), a semicolon, colon or parenthesis does.
  const auto hard = [&](std::uint32_t p) {
    return tokens[p].boundary_before && !tokens[p].comma_before;
  };
  static constexpr auto kConjunctions =
      nlp::MakeWordList("and", "or", "but", "v", "vs", "versus", "nor");
  const auto conjunction = [&](std::uint32_t p) { return kConjunctions.Contains(tokens[p].key); };
  window.clear();
  std::uint32_t left = first;
  bool left_open = !tokens[first].boundary_before;
  std::uint32_t right = last;
  bool right_open = true;
  for (std::uint32_t step = 0; step < kPhraseReach; ++step) {
    if (left_open && left > sentence_begin && !conjunction(left - 1)) {
      --left;
      window.push_back(left);
      left_open = !tokens[left].boundary_before;
    } else {
      left_open = false;
    }
    if (right_open && right < sentence_end && !hard(right) && !conjunction(right)) {
      window.push_back(right);
      ++right;
    } else {
      right_open = false;
    }
  }
}

std::vector<Mention> MentionFinder::Find(const nlp::Document& doc,
                                         const std::vector<ConceptToken>& tokens,
                                         const std::vector<std::uint32_t>& sentence_begin) const {
  const auto& book = index_.book();
  // Positions that may complete a link: diagnostic sections, asserted present.
  KeyPositions linkable;
  linkable.Reserve(tokens.size());
  for (std::uint32_t s = 0; s + 1 < sentence_begin.size(); ++s) {
    if (IsNonDiagnosticSection(doc.SectionOf(s))) continue;  // once per sentence, not per word
    for (std::uint32_t p = sentence_begin[s]; p < sentence_begin[s + 1]; ++p) {
      if (tokens[p].id != kUnknownWord) linkable.Add(tokens[p].id, p);
    }
  }
  linkable.Seal();
  nlp::AssessCache assess_cache(doc);
  std::vector<signed char> present(tokens.size(), -1);
  const std::function<bool(std::uint32_t)> link_ok = [&](std::uint32_t p) {
    if (present[p] < 0) {
      const auto a = nlp::Assess(doc, tokens[p].src_first, tokens[p].src_last, &assess_cache);
      const nlp::Span here{doc.tokens[tokens[p].src_first].span.begin,
                           doc.tokens[tokens[p].src_last - 1].span.end};
      present[p] =
          (a.assertion == nlp::Assertion::kPresent ||
           (a.assertion == nlp::Assertion::kHistorical &&
            (a.from_section || (a.trigger && TriggerBeyondClause(doc.text, here, *a.trigger)))))
              ? 1
              : 0;
    }
    return present[p] == 1;
  };

  std::vector<Mention> all;
  std::vector<Mention> sentence_mentions;
  std::vector<TitleMatch> title_matches;
  std::vector<std::uint32_t> order;
  WalkScope scope;
  scope.tokens = &tokens;
  std::vector<bool> claimed_head;
  std::vector<bool> claimed_used;
  // Reused from sentence to sentence: they keep their capacity.
  RefineContext refine;
  std::vector<Mention*> kept;
  std::vector<std::uint32_t> own;
  std::vector<std::uint32_t> ev;
  for (std::uint32_t s = 0; s + 1 < sentence_begin.size(); ++s) {
    const std::uint32_t sb = sentence_begin[s];
    const std::uint32_t se = sentence_begin[s + 1];
    if (sb == se) continue;
    const nlp::SectionKind section = doc.SectionOf(s);
    if (IsNonDiagnosticSection(section)) continue;
    const bool vaccine_sentence =
        std::any_of(tokens.begin() + sb, tokens.begin() + se,
                    [&](const ConceptToken& t) { return Flag(vaccines_, t.id); });
    if (vaccine_sentence) continue;  // "influenza and COVID-19 vaccines given today"

    sentence_mentions.clear();
    bool refine_ready = false;
    for (std::uint32_t i = sb; i < se; ++i) {
      // An unknown word (id 0) starts no head: the empty run is its only test.
      for (const HeadVariant& v : index_.HeadsStartingWith(tokens[i].id)) {
        const auto n = static_cast<std::uint32_t>(v.ids.size());
        if (i + n > se) continue;
        bool match = true;
        for (std::uint32_t j = 1; j < n && match; ++j) match = tokens[i + j].id == v.ids[j];
        if (!match) continue;

        // One scope reused for every head: its vectors keep their capacity.
        PhraseWindow(tokens, sb, se, i, i + n, scope.direct);
        scope.SealDirect();
        scope.blocked.clear();
        if (std::any_of(scope.direct.begin(), scope.direct.end(),
                        [&](std::uint32_t p) { return Flag(prevention_, tokens[p].id); })) {
          continue;  // "flu shot", "colon cancer screening": prevention, not a diagnosis
        }
        for (std::uint32_t j = i; j < i + n; ++j) scope.blocked.push_back(j);
        scope.linkable = &linkable;
        scope.link_ok = &link_ok;
        scope.sentence = s;
        scope.anchor = i;
        scope.head_src = tokens[i].src_first;
        scope.follow_see_also = v.bare_codable;
        WalkResult walk = walker_.Walk(v.term, scope);
        if (walk.path.empty() && !v.bare_codable) continue;
        if (walk.coded_term == codes::kNone) continue;
        const auto index_code = book.TermCode(walk.coded_term);
        if (!index_code) continue;
        if (!refine_ready) {
          SentenceContext(index_, tokens, sb, se, refine);
          refine_ready = true;
        }
        refine.ClearNear();
        for (std::uint32_t p : scope.direct) refine.AddNear(tokens[p].id);
        for (std::uint32_t p = i; p < i + n; ++p) refine.AddNear(tokens[p].id);
        const Refined refined = refiner_.ToBillable(*index_code, refine);
        if (refined.code == codes::kNone) continue;

        Mention m;
        if (const auto manif = book.TermManifestation(walk.coded_term); !manif.empty()) {
          if (const auto manif_id = book.Find(manif)) {
            m.manifestation = refiner_.ToBillable(*manif_id, refine).code;
          }
        }
        m.head_first = i;
        m.head_last = i + n;
        m.sentence = s;
        m.main_term = v.term;
        m.code = refined.code;
        m.defaulted = refined.defaulted;
        m.finding = book.Code(refined.code).front() == 'R' || findings_.count(v.keys.front()) != 0;
        m.words = n + walk.score;
        // A reading that stops at a "see" it could not follow is a weaker reading.
        if (!walk.path.empty() && !book.TermSee(walk.path.back()).empty() &&
            !book.TermCode(walk.path.back())) {
          m.words -= 1;
        }
        m.section = section;
        for (WalkResult& other : walker_.LinkedSiblings(walk, v.term, scope)) {
          const auto other_code = book.TermCode(other.coded_term);
          if (!other_code) continue;
          const Refined r = refiner_.ToBillable(*other_code, refine);
          if (r.code == codes::kNone || r.code == m.code) continue;
          Mention sibling = m;
          sibling.code = r.code;
          sibling.defaulted = r.defaulted;
          sibling.finding = book.Code(r.code).front() == 'R';
          sibling.walk = std::move(other);
          sibling.window = scope.direct;
          m.siblings.push_back(std::move(sibling));
        }
        m.walk = std::move(walk);
        m.window = scope.direct;
        sentence_mentions.push_back(std::move(m));
      }
    }

    // Official titles and inclusion terms written out in full.
    title_matches.clear();
    titles_.Match(tokens, sb, se, title_matches);
    for (const TitleMatch& t : title_matches) {
      if (!refine_ready) {
        SentenceContext(index_, tokens, sb, se, refine);
        refine_ready = true;
      }
      refine.ClearNear();
      for (std::uint32_t p = t.first; p < t.last; ++p) refine.AddNear(tokens[p].id);
      const Refined refined = refiner_.ToBillable(t.code, refine);
      // A category's title summarises its codes ("Nicotine dependence, cigarettes"); unless the
      // note picks one of them, the index reading of the same words knows the default better.
      if (refined.code == codes::kNone || refined.defaulted) continue;
      Mention m;
      m.head_first = t.first;
      m.head_last = t.last;
      m.sentence = s;
      m.code = refined.code;
      m.defaulted = refined.defaulted;
      m.finding = book.Code(refined.code).front() == 'R';
      m.words = t.words + 1.0;  // the exact official wording outranks a reading of its parts
      m.section = section;
      PhraseWindow(tokens, sb, se, t.first, t.last, m.window);
      sentence_mentions.push_back(std::move(m));
    }

    // Keep the readings that account for the most words; a reading whose main term another
    // reading already used as its own modifier describes the same phrase and is dropped.
    // A reading whose main term is written as absent ("deficiency without anemia" read from
    // "anemia") must not crowd out the present reading of the same words.
    for (Mention& m : sentence_mentions) {
      m.assertion = nlp::Assess(doc, tokens[m.head_first].src_first,
                                tokens[m.head_last - 1].src_last, &assess_cache);
    }
    order.resize(sentence_mentions.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      const Mention& a = sentence_mentions[x];
      const Mention& b = sentence_mentions[y];
      const bool ap = a.assertion.assertion != nlp::Assertion::kNegated;
      const bool bp = b.assertion.assertion != nlp::Assertion::kNegated;
      if (ap != bp) return ap;
      return a.words > b.words;
    });
    // Positions of this sentence claimed by kept readings: as a main term, or as a modifier.
    claimed_head.assign(se - sb, false);
    claimed_used.assign(se - sb, false);
    kept.clear();
    for (const std::uint32_t k : order) {
      Mention& m = sentence_mentions[k];
      bool drop = false;
      for (std::uint32_t p = m.head_first; p < m.head_last && !drop; ++p) {
        drop = claimed_head[p - sb] || claimed_used[p - sb];
      }
      for (std::uint32_t p : m.walk.used)
        drop = drop || (p >= sb && p < se && claimed_head[p - sb]);
      if (drop) continue;
      kept.push_back(&m);
      for (std::uint32_t p = m.head_first; p < m.head_last; ++p) claimed_head[p - sb] = true;
      for (std::uint32_t p : m.walk.used) {
        if (p >= sb && p < se) claimed_used[p - sb] = true;
      }
    }
    const auto finish = [&](Mention&& m, const nlp::AssertionResult& assertion) {
      own.assign(m.walk.used.begin(), m.walk.used.end());
      for (std::uint32_t j = m.head_first; j < m.head_last; ++j) own.push_back(j);
      ev.assign(own.begin(), own.end());
      const auto own_spans = SpansOf(doc, tokens, own);
      m.span = nlp::Span{own_spans.front().begin, own_spans.back().end};
      if (own_spans.size() > 1 && tokens[m.head_first].sentence == s) {
        // keep the head phrase as the primary span when modifiers are scattered
        m.span = SourceSpan(doc, tokens[m.head_first]);
        m.span.end = SourceSpan(doc, tokens[m.head_last - 1]).end;
      }
      ev.insert(ev.end(), m.walk.linked.begin(), m.walk.linked.end());
      m.evidence = SpansOf(doc, tokens, ev);
      m.assertion = assertion;
      m.siblings.clear();
      all.push_back(std::move(m));
    };
    for (Mention* k : kept) {
      const nlp::AssertionResult assertion = k->assertion;
      for (Mention& sibling : k->siblings) finish(std::move(sibling), assertion);
      finish(std::move(*k), assertion);
    }
  }
  return all;
}

}  // namespace notecoder::rules
