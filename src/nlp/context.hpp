#pragma once
// ConText (Chapman et al.): decides whether a mention in a sentence is negated, uncertain,
// hypothetical, historical or about another person, from trigger phrases and their scope.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "nlp/document.hpp"

namespace notecoder::nlp {

enum class Assertion : std::uint8_t {
  kPresent,
  kNegated,       // "no", "denies", "ruled out", "negative for", "unlikely"
  kPossible,      // "possible", "likely", "suspected", "rule out", "?", "vs", "cannot exclude"
  kHypothetical,  // "if", "return if", "should she develop", "risk of"
  kHistorical,    // "history of", "h/o", "s/p", "resolved", "prior", "no longer"; not "in
                  // remission", which stays present because remission has its own codes
  kFamily,        // "mother", "family history of", "brother had"; also a spouse (another person)
};

const char* AssertionName(Assertion a);  // "present", "negated", ...

struct AssertionResult {
  Assertion assertion = Assertion::kPresent;
  std::optional<Span> trigger;  // the phrase that decided it; none for a section default
  bool from_section = false;    // decided by the section (e.g. Family History), not a trigger
};

// Assesses the mention `target` (token indices [first, last) in `doc`). Triggers act within the
// target's sentence, forward or backward, until a terminator ("but", "however", "except",
// "although", a semicolon ...) or the sentence end. Pseudo-triggers ("no increase", "not only",
// "gram negative", "no change") never trigger. Section defaults apply when no trigger does:
// Family History → family; Past Medical/Surgical History → historical (the rules engine decides
// which chronic conditions stay current). Negation wins over the other categories when several
// triggers reach the mention.
//
// Scope limits (tokens between trigger and mention): 30 forward for negation, uncertainty and
// history (long lists), 10 for hypothetical triggers, 8 backward, 8/6 for kin words, 4 for
// "vs" and backward "negative", 3 for "?". Precedence when several categories reach the mention:
// negated > family > hypothetical > possible > historical. An empty or out-of-range target is
// present. Never throws; O(window), independent of the sentence length.
AssertionResult Assess(const Document& doc, std::uint32_t first_token, std::uint32_t last_token);

struct TriggerRule;

// Trigger matches of one document, remembered between Assess calls: a coder asks about many
// mentions in the same sentences, and matching the lexicon at each token once is enough.
// One per document and thread; not thread-safe.
class AssessCache {
 public:
  explicit AssessCache(const Document& doc) : sentences_(doc.sentences.size()) {}

 private:
  friend AssertionResult Assess(const Document&, std::uint32_t, std::uint32_t, AssessCache*);
  // A token where some rule matches, with the longest rule up to the sentence end.
  struct Trigger {
    std::uint32_t pos;
    const TriggerRule* rule;
  };
  struct Range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool known = false;
  };
  // Per sentence, filled on its first Assess: its triggers, a range of `triggers_`. Assess then
  // visits only the few tokens where a trigger starts, instead of testing every token around
  // the mention (each a branch that depends on the note's words).
  std::vector<Range> sentences_;
  std::vector<Trigger> triggers_;
};

// The same as Assess above, reusing `cache` (which must belong to `doc`).
AssertionResult Assess(const Document& doc, std::uint32_t first_token, std::uint32_t last_token,
                       AssessCache* cache);

// Assess() for the tokens overlapping the byte span `mention` (e.g. a dictionary hit).
AssertionResult AssessSpan(const Document& doc, Span mention);

}  // namespace notecoder::nlp
