#include "nlp/context.hpp"

#include <algorithm>
#include <array>

#include "nlp/context_triggers.hpp"
#include "nlp/token_index.hpp"

namespace notecoder::nlp {
namespace {

// How far around the mention we look for triggers: the widest scope plus the longest phrase.
constexpr std::uint32_t kLookBehind = 40;
constexpr std::uint32_t kLookAhead = 16;
constexpr std::size_t kMaxMatches = kLookBehind + kLookAhead;

struct Match {
  std::uint32_t begin;
  std::uint32_t end;
  const TriggerRule* rule;
};

int Rank(Assertion a) {
  switch (a) {
    case Assertion::kNegated:
      return 5;
    case Assertion::kFamily:
      return 4;
    case Assertion::kHypothetical:
      return 3;
    case Assertion::kPossible:
      return 2;
    case Assertion::kHistorical:
      return 1;
    case Assertion::kPresent:
      return 0;
  }
  return 0;
}

class Scope {
 public:
  Scope(const std::array<Match, kMaxMatches>& matches, std::size_t count)
      : matches_(matches), count_(count) {}

  // True when a terminator lies within tokens [from, to). A colon right next to the trigger
  // introduces its list ("Negative for: fever, chills") and does not count.
  bool Blocked(std::uint32_t from, std::uint32_t to, const Match& trigger) const {
    for (std::size_t i = 0; i < count_; ++i) {
      const Match& t = matches_[i];
      if (t.rule->role != TriggerRole::kTerminator || t.begin < from || t.end > to) continue;
      const bool colon = t.rule->tokens.size() == 1 && t.rule->tokens[0] == ":";
      if (colon && (t.begin == trigger.end || t.end == trigger.begin)) continue;
      return true;
    }
    return false;
  }

 private:
  const std::array<Match, kMaxMatches>& matches_;
  std::size_t count_;
};

}  // namespace

AssertionResult Assess(const Document& doc, std::uint32_t first, std::uint32_t last) {
  return Assess(doc, first, last, nullptr);
}

AssertionResult Assess(const Document& doc, std::uint32_t first, std::uint32_t last,
                       AssessCache* cache) {
  AssertionResult result;
  if (first >= last || last > doc.tokens.size()) return result;
  const std::uint32_t sentence = doc.tokens[first].sentence;
  const std::uint32_t sentence_begin = doc.sentence_token_begin[sentence];
  const std::uint32_t sentence_end = doc.sentence_token_end[sentence];
  last = std::min(last, sentence_end);

  // Match the lexicon left to right around the mention, longest phrase first; phrases may not
  // overlap the mention itself ("history of falls" is a mention, not a trigger). Only tokens
  // where a rule matches up to the sentence end can start a match.
  const std::uint32_t lo = first - std::min(first - sentence_begin, kLookBehind);
  const std::uint32_t hi = std::min(sentence_end, last + kLookAhead);
  const TriggerLexicon& lexicon = TriggerLexicon::Default();
  std::array<AssessCache::Trigger, kMaxMatches> local;
  const AssessCache::Trigger* triggers = local.data();
  const AssessCache::Trigger* triggers_end = local.data();
  if (cache != nullptr) {
    AssessCache::Range& range = cache->sentences_[sentence];
    if (!range.known) {
      range.begin = static_cast<std::uint32_t>(cache->triggers_.size());
      for (std::uint32_t pos = sentence_begin; pos < sentence_end; ++pos) {
        const TriggerRule* rule = lexicon.MatchAt(doc.tokens, pos, sentence_end);
        if (rule != nullptr) cache->triggers_.push_back({pos, rule});
      }
      range.end = static_cast<std::uint32_t>(cache->triggers_.size());
      range.known = true;
    }
    triggers = std::partition_point(cache->triggers_.data() + range.begin,
                                    cache->triggers_.data() + range.end,
                                    [&](const AssessCache::Trigger& t) { return t.pos < lo; });
    triggers_end = cache->triggers_.data() + range.end;
  } else {
    AssessCache::Trigger* out = local.data();
    for (std::uint32_t pos = lo; pos < hi; ++pos) {
      if (pos == first) pos = last;  // the mention is never a trigger
      if (pos >= hi) break;
      const TriggerRule* rule = lexicon.MatchAt(doc.tokens, pos, sentence_end);
      if (rule != nullptr) *out++ = {pos, rule};
    }
    triggers_end = out;
  }

  std::array<Match, kMaxMatches> matches;  // only [0, count) is read
  std::size_t count = 0;
  std::uint32_t next = lo;  // the first token not inside an earlier match
  for (; triggers != triggers_end && triggers->pos < hi && count < kMaxMatches; ++triggers) {
    const std::uint32_t pos = triggers->pos;
    if (pos < next || (pos >= first && pos < last)) continue;
    const TriggerRule* rule = triggers->rule;
    // The match up to the sentence end is the match here unless it would run into the mention.
    const std::uint32_t limit = pos < first ? first : sentence_end;
    if (pos + rule->tokens.size() > limit) {
      rule = lexicon.MatchAt(doc.tokens, pos, limit);
      if (rule == nullptr) continue;
    }
    const auto end = static_cast<std::uint32_t>(pos + rule->tokens.size());
    matches[count++] = Match{pos, end, rule};
    next = end;
  }

  const Scope scope(matches, count);
  int best_rank = 0;
  std::uint32_t best_distance = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const Match& m = matches[i];
    if (m.rule->role != TriggerRole::kTrigger) continue;
    std::uint32_t distance = 0;
    bool reaches = false;
    if (m.end <= first && m.rule->forward_window > 0) {
      distance = first - m.end;
      reaches = distance <= m.rule->forward_window && !scope.Blocked(m.end, first, m);
    } else if (m.begin >= last && m.rule->backward_window > 0) {
      distance = m.begin - last;
      reaches = distance <= m.rule->backward_window && !scope.Blocked(last, m.begin, m);
    }
    if (!reaches) continue;
    const int rank = Rank(m.rule->category);
    if (rank > best_rank || (rank == best_rank && distance < best_distance)) {
      best_rank = rank;
      best_distance = distance;
      result.assertion = m.rule->category;
      result.trigger = Span{doc.tokens[m.begin].span.begin, doc.tokens[m.end - 1].span.end};
    }
  }

  // Section defaults apply when no trigger decided, and the family section outranks every
  // category but negation ("Family history: possible colon cancer" is still about family).
  const SectionKind section = doc.SectionOf(sentence);
  if (section == SectionKind::kFamilyHistory && result.assertion != Assertion::kNegated &&
      result.assertion != Assertion::kFamily) {
    result = AssertionResult{Assertion::kFamily, std::nullopt, true};
  } else if ((section == SectionKind::kPastMedicalHistory ||
              section == SectionKind::kPastSurgicalHistory) &&
             result.assertion == Assertion::kPresent) {
    result = AssertionResult{Assertion::kHistorical, std::nullopt, true};
  }
  return result;
}

AssertionResult AssessSpan(const Document& doc, Span mention) {
  const TokenRange range = TokensInSpan(doc, mention);
  return Assess(doc, range.first, range.last);
}

}  // namespace notecoder::nlp
