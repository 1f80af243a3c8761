#include "nlp/context_triggers.hpp"

#include "nlp/tokenizer.hpp"

namespace notecoder::nlp {
namespace {

// Scope windows, in tokens between trigger and mention. ConText proper runs to the sentence end;
// we cap the scope so that one trigger cannot reach across a 100 KB run-on line, while still
// covering long review-of-systems lists ("Denies fevers, chills, night sweats, ... or diarrhea").
constexpr std::uint8_t kListScope = 30;  // negation, uncertainty, history: lists follow them
constexpr std::uint8_t kHypotheticalScope = 10;  // "if ..." rarely reaches a list
constexpr std::uint8_t kBackScope = 8;           // "PE was ruled out", "pneumonia is unlikely"
constexpr std::uint8_t kNearScope = 4;           // "pneumonia vs atelectasis", "HIV negative"
constexpr std::uint8_t kKinForward = 8;          // "Mother was diagnosed with breast cancer"
constexpr std::uint8_t kKinBackward = 6;         // "breast cancer in her mother"

struct Entry {
  std::string_view phrase;
  Assertion category;
  std::uint8_t forward;
  std::uint8_t backward;
};

using A = Assertion;

constexpr Entry kTriggers[] = {
    // Negation, forward.
    {"no", A::kNegated, kListScope, 0},
    {"not", A::kNegated, kListScope, 0},
    {"denies", A::kNegated, kListScope, 0},
    {"neither", A::kNegated, kListScope, 0},
    {"denied", A::kNegated, kListScope, 0},
    {"deny", A::kNegated, kListScope, 0},
    {"denying", A::kNegated, kListScope, 0},
    {"without", A::kNegated, kListScope, 0},
    {"w/o", A::kNegated, kListScope, 0},
    {"negative for", A::kNegated, kListScope, 0},
    {"neg for", A::kNegated, kListScope, 0},
    {"no evidence of", A::kNegated, kListScope, 0},
    {"no evidence for", A::kNegated, kListScope, 0},
    {"without evidence of", A::kNegated, kListScope, 0},
    {"no signs of", A::kNegated, kListScope, 0},
    {"no sign of", A::kNegated, kListScope, 0},
    {"no symptoms of", A::kNegated, kListScope, 0},
    {"no findings of", A::kNegated, kListScope, 0},
    {"no history of", A::kNegated, kListScope, 0},
    {"no hx of", A::kNegated, kListScope, 0},
    {"no h/o", A::kNegated, kListScope, 0},
    {"no prior", A::kNegated, kListScope, 0},
    {"no previous", A::kNegated, kListScope, 0},
    {"no known", A::kNegated, kListScope, 0},
    {"no family history of", A::kNegated, kListScope, 0},
    {"no complaints of", A::kNegated, kListScope, 0},
    {"no c/o", A::kNegated, kListScope, 0},
    {"free of", A::kNegated, kListScope, 0},
    {"absence of", A::kNegated, kListScope, 0},
    {"never", A::kNegated, kListScope, 0},
    {"nor", A::kNegated, kListScope, 0},
    {"doesn't have", A::kNegated, kListScope, 0},
    {"does not have", A::kNegated, kListScope, 0},
    {"didn't have", A::kNegated, kListScope, 0},
    {"did not have", A::kNegated, kListScope, 0},
    {"fails to reveal", A::kNegated, kListScope, 0},
    {"failed to reveal", A::kNegated, kListScope, 0},
    {"did not reveal", A::kNegated, kListScope, 0},
    {"does not reveal", A::kNegated, kListScope, 0},
    {"unremarkable for", A::kNegated, kListScope, 0},
    {"ruled out for", A::kNegated, kListScope, 0},
    {"rules out", A::kNegated, kListScope, 0},
    {"not consistent with", A::kNegated, kListScope, 0},
    {"not suggestive of", A::kNegated, kListScope, 0},
    {"not suspicious for", A::kNegated, kListScope, 0},
    {"not concerning for", A::kNegated, kListScope, 0},
    {"no concern for", A::kNegated, kListScope, 0},
    {"no suspicion of", A::kNegated, kListScope, 0},
    // Negation, backward. "unlikely" counts as negated: the author leans against it, and an
    // unlikely diagnosis must never be coded.
    {"ruled out", A::kNegated, 0, kBackScope},
    {"excluded", A::kNegated, 0, kBackScope},
    {"negative", A::kNegated, 0, kNearScope},
    {"neg", A::kNegated, 0, kNearScope},
    {"not seen", A::kNegated, 0, kBackScope},
    {"not present", A::kNegated, 0, kBackScope},
    {"not detected", A::kNegated, 0, kBackScope},
    {"not identified", A::kNegated, 0, kBackScope},
    {"not appreciated", A::kNegated, 0, kBackScope},
    {"not noted", A::kNegated, 0, kBackScope},
    {"not found", A::kNegated, 0, kBackScope},
    {"not visualized", A::kNegated, 0, kBackScope},
    {"not evident", A::kNegated, 0, kBackScope},
    {"absent", A::kNegated, 0, kBackScope},
    {"unlikely", A::kNegated, 0, kBackScope},
    {"free", A::kNegated, 0, 2},

    // Uncertainty ("possible"). "likely" and "probable" count as possible: outpatient coding
    // never codes them, and the rules engine can promote them for inpatient notes.
    {"possible", A::kPossible, kListScope, kNearScope},
    {"possibly", A::kPossible, kListScope, kNearScope},
    {"probable", A::kPossible, kListScope, kNearScope},
    {"probably", A::kPossible, kListScope, kNearScope},
    {"likely", A::kPossible, kListScope, kNearScope},
    {"suspected", A::kPossible, kListScope, kNearScope},
    {"questionable", A::kPossible, kListScope, kNearScope},
    {"suspect", A::kPossible, kListScope, 0},
    {"suspicious for", A::kPossible, kListScope, 0},
    {"suspicion for", A::kPossible, kListScope, 0},
    {"suspicion of", A::kPossible, kListScope, 0},
    {"concern for", A::kPossible, kListScope, 0},
    {"concerning for", A::kPossible, kListScope, 0},
    {"worrisome for", A::kPossible, kListScope, 0},
    {"question of", A::kPossible, kListScope, 0},
    {"rule out", A::kPossible, kListScope, 0},
    {"rule-out", A::kPossible, kListScope, 0},
    {"r/o", A::kPossible, kListScope, 0},
    {"evaluate for", A::kPossible, kListScope, 0},
    {"evaluation for", A::kPossible, kListScope, 0},
    {"eval for", A::kPossible, kListScope, 0},
    {"workup for", A::kPossible, kListScope, 0},
    {"w/u for", A::kPossible, kListScope, 0},
    {"may have", A::kPossible, kListScope, 0},
    {"may be", A::kPossible, kListScope, 0},
    {"might have", A::kPossible, kListScope, 0},
    {"might be", A::kPossible, kListScope, 0},
    {"could be", A::kPossible, kListScope, 0},
    {"could have", A::kPossible, kListScope, 0},
    {"cannot rule out", A::kPossible, kListScope, 0},
    {"can't rule out", A::kPossible, kListScope, 0},
    {"cannot exclude", A::kPossible, kListScope, 0},
    {"can't exclude", A::kPossible, kListScope, 0},
    {"differential includes", A::kPossible, kListScope, 0},
    {"differential diagnosis includes", A::kPossible, kListScope, 0},
    {"ddx", A::kPossible, kListScope, 0},
    {"presumed", A::kPossible, kListScope, 0},
    {"presumptive", A::kPossible, kListScope, 0},
    {"consistent with", A::kPossible, kListScope, 0},
    {"compatible with", A::kPossible, kListScope, 0},
    {"suggestive of", A::kPossible, kListScope, 0},
    {"unclear if", A::kPossible, kListScope, 0},
    {"uncertain", A::kPossible, kListScope, 0},
    {"cannot be excluded", A::kPossible, 0, kBackScope},
    {"can not be excluded", A::kPossible, 0, kBackScope},
    {"cannot be ruled out", A::kPossible, 0, kBackScope},
    {"not excluded", A::kPossible, 0, kBackScope},
    {"not ruled out", A::kPossible, 0, kBackScope},
    {"not been ruled out", A::kPossible, 0, kBackScope},
    {"not be excluded", A::kPossible, 0, kBackScope},
    {"versus", A::kPossible, kNearScope, kNearScope},
    {"vs", A::kPossible, kNearScope, kNearScope},
    {"?", A::kPossible, 3, 3},

    // Hypothetical.
    {"if", A::kHypothetical, kHypotheticalScope, 0},
    {"should he develop", A::kHypothetical, kHypotheticalScope, 0},
    {"should she develop", A::kHypothetical, kHypotheticalScope, 0},
    {"should they develop", A::kHypothetical, kHypotheticalScope, 0},
    {"should the patient develop", A::kHypothetical, kHypotheticalScope, 0},
    {"should symptoms of", A::kHypothetical, kHypotheticalScope, 0},
    {"should there be", A::kHypothetical, kHypotheticalScope, 0},
    {"in case of", A::kHypothetical, kHypotheticalScope, 0},
    {"in the event of", A::kHypothetical, kHypotheticalScope, 0},
    {"risk of", A::kHypothetical, kHypotheticalScope, 0},
    {"risk for", A::kHypothetical, kHypotheticalScope, 0},
    {"risk factors for", A::kHypothetical, kHypotheticalScope, 0},
    {"to prevent", A::kHypothetical, kHypotheticalScope, 0},
    {"prevention of", A::kHypothetical, kHypotheticalScope, 0},
    {"prophylaxis for", A::kHypothetical, kHypotheticalScope, 0},
    {"prophylaxis against", A::kHypothetical, kHypotheticalScope, 0},
    {"screening for", A::kHypothetical, kHypotheticalScope, 0},
    {"screen for", A::kHypothetical, kHypotheticalScope, 0},
    {"monitor for", A::kHypothetical, kHypotheticalScope, 0},
    {"watch for", A::kHypothetical, kHypotheticalScope, 0},
    {"as needed for", A::kHypothetical, kHypotheticalScope, 0},
    {"unless", A::kHypothetical, kHypotheticalScope, 0},
    {"warned about", A::kHypothetical, kHypotheticalScope, 0},
    {"return precautions", A::kHypothetical, kHypotheticalScope, 0},
    {"as a child", A::kHistorical, 0, kBackScope},
    {"as a teenager", A::kHistorical, 0, kBackScope},
    {"in childhood", A::kHistorical, 0, kBackScope},
    {"precautions", A::kHypothetical, kHypotheticalScope, 0},
    {"warning signs of", A::kHypothetical, kHypotheticalScope, 0},
    {"signs of", A::kHypothetical, kHypotheticalScope, 0},
    {"report any", A::kHypothetical, kHypotheticalScope, 0},
    {"call for", A::kHypothetical, kHypotheticalScope, 0},
    {"return for", A::kHypothetical, kHypotheticalScope, 0},
    {"seek care for", A::kHypothetical, kHypotheticalScope, 0},
    {"precautions for", A::kHypothetical, kHypotheticalScope, 0},
    {"educated on", A::kHypothetical, kHypotheticalScope, 0},

    // Historical. "in remission" is deliberately absent: remission has its own codes, so the
    // condition stays present and the rules engine picks the remission code.
    {"history of", A::kHistorical, kListScope, 0},
    {"hx of", A::kHistorical, kListScope, 0},
    {"h/o", A::kHistorical, kListScope, 0},
    {"hx", A::kHistorical, kListScope, 0},
    {"s/p", A::kHistorical, kListScope, 0},
    {"status post", A::kHistorical, kListScope, 0},
    {"past", A::kHistorical, kListScope, 0},
    {"previous", A::kHistorical, kListScope, 0},
    {"previously", A::kHistorical, kListScope, kBackScope},
    {"prior", A::kHistorical, kListScope, 0},
    {"remote", A::kHistorical, kListScope, 0},
    {"childhood", A::kHistorical, kListScope, 0},
    {"former", A::kHistorical, kListScope, 0},
    {"formerly", A::kHistorical, kListScope, 0},
    {"personal history of", A::kHistorical, kListScope, 0},
    {"history significant for", A::kHistorical, kListScope, 0},
    {"history notable for", A::kHistorical, kListScope, 0},
    {"pmh of", A::kHistorical, kListScope, 0},
    {"pmh significant for", A::kHistorical, kListScope, 0},
    {"pmhx of", A::kHistorical, kListScope, 0},
    {"past medical history of", A::kHistorical, kListScope, 0},
    {"past medical history significant for", A::kHistorical, kListScope, 0},
    {"medical history of", A::kHistorical, kListScope, 0},
    // "no longer" reads as historical, not negated: it was present before and is not now.
    {"no longer", A::kHistorical, kListScope, 0},
    {"resolved", A::kHistorical, 0, kBackScope},
    {"healed", A::kHistorical, 0, kBackScope},
    {"in the past", A::kHistorical, 0, kBackScope},
    {"as a child", A::kHistorical, 0, kBackScope},
    {"in childhood", A::kHistorical, 0, kBackScope},
    {"years ago", A::kHistorical, 0, kBackScope},
    {"year ago", A::kHistorical, 0, kBackScope},
    {"months ago", A::kHistorical, 0, kBackScope},

    // Another person (family): kin words act both ways within a short window.
    {"family history of", A::kFamily, kListScope, 0},
    {"family hx of", A::kFamily, kListScope, 0},
    {"family history significant for", A::kFamily, kListScope, 0},
    {"fhx", A::kFamily, kListScope, 0},
    {"fh of", A::kFamily, kListScope, 0},
    {"fhx of", A::kFamily, kListScope, 0},
    {"runs in the family", A::kFamily, 0, kBackScope},
    {"runs in family", A::kFamily, 0, kBackScope},
};

// Kin words: family triggers in both directions, with possessive forms added automatically.
constexpr std::string_view kKin[] = {
    "mother",
    "father",
    "brother",
    "sister",
    "mom",
    "dad",
    "son",
    "daughter",
    "grandmother",
    "grandfather",
    "aunt",
    "uncle",
    "sibling",
    "siblings",
    "brothers",
    "sisters",
    "sons",
    "daughters",
    "parents",
    "parent",
    "grandparents",
    "cousin",
    "niece",
    "nephew",
    "maternal",
    "paternal",
    "wife",
    "husband",
    "spouse",
    "family member",
    "family members",
};

// Phrases that contain trigger words but assert nothing.
constexpr std::string_view kPseudo[] = {
    "no increase",
    "no significant increase",
    "no change",
    "no changes",
    "no significant change",
    "no interval change",
    "no significant interval change",
    "not only",
    "not necessarily",
    "no further",
    "not cause",
    "not caused",
    "did not cause",
    "without difficulty",
    "gram negative",
    "gram-negative",
    "history and physical",
    "history taken",
    "social history",
    "family history",
    "medical history",
    "past medical history",
    "past surgical history",
    "prior to",
    "over the past",
    "for the past",
    "during the past",
    "within the past",
    "in the past #",
    "in the past few",
    "in the past several",
    "past #",
    "past few",
    "past several",
    "the past #",
    "if needed",
    "if necessary",
    "as if",
    "even if",
};

// Phrases that end a trigger's scope.
constexpr std::string_view kTerminators[] = {
    "but",
    "however",
    "although",
    "though",
    "except",
    "except for",
    "aside from",
    "apart from",
    "yet",
    "which",
    "whereas",
    "secondary to",
    "other than",
    ";",
    // A parenthesis closes an aside: "retinopathy (no macular edema), HTN, obesity" must not
    // carry the negation on to HTN.
    ")",
    ":",
    "reports",
    "reported",
    "complains of",
    "c/o",
    "presents with",
    "presented with",
    "presenting with",
    "positive for",
    "pos for",
    "endorses",
    "admits to",
    "notes",
};

// Who may accompany or inform: the kin word after these is not the experiencer.
constexpr std::string_view kCompanionPrefixes[] = {
    "lives with",     "living with",   "lives at home with",
    "accompanied by", "here with",     "presents with",
    "came in with",   "brought in by", "per",
    "according to",   "with",          "married to",
    "discussed with", "spoke with",
};
constexpr std::string_view kPossessives[] = {"", "his", "her", "their", "the"};

}  // namespace

TriggerLexicon::TriggerLexicon() {
  for (const Entry& e : kTriggers)
    Add(e.phrase, TriggerRole::kTrigger, e.category, e.forward, e.backward);
  for (const std::string_view kin : kKin) {
    Add(kin, TriggerRole::kTrigger, Assertion::kFamily, kKinForward, kKinBackward);
    Add(std::string(kin) + "'s", TriggerRole::kTrigger, Assertion::kFamily, kKinForward,
        kKinBackward);
  }
  for (const std::string_view p : kPseudo) Add(p, TriggerRole::kPseudo, Assertion::kPresent, 0, 0);
  for (const std::string_view t : kTerminators) {
    Add(t, TriggerRole::kTerminator, Assertion::kPresent, 0, 0);
  }
  for (const std::string_view prefix : kCompanionPrefixes) {
    for (const std::string_view possessive : kPossessives) {
      if (prefix == "with" && possessive.empty()) continue;  // "mother with cancer" is family
      for (const std::string_view kin : kKin) {
        std::string phrase(prefix);
        if (!possessive.empty()) (phrase += ' ') += possessive;
        (phrase += ' ') += kin;
        Add(phrase, TriggerRole::kPseudo, Assertion::kPresent, 0, 0);
      }
    }
  }
  for (std::uint32_t i = 0; i < rules_.size(); ++i) phrases_.Add(rules_[i].tokens, i);
}

void TriggerLexicon::Add(std::string_view phrase, TriggerRole role, Assertion category,
                         std::uint8_t forward, std::uint8_t backward) {
  TriggerRule rule;
  rule.tokens = TokenizeNorms(phrase);
  if (rule.tokens.empty()) return;
  rule.role = role;
  rule.category = category;
  rule.forward_window = forward;
  rule.backward_window = backward;
  rules_.push_back(std::move(rule));
}

const TriggerLexicon& TriggerLexicon::Default() {
  static const TriggerLexicon lexicon;
  return lexicon;
}

const TriggerRule* TriggerLexicon::MatchAt(const std::vector<Token>& tokens, std::uint32_t pos,
                                           std::uint32_t end) const {
  // Among rules of the same length, the first listed wins: rule indices are the trie's values.
  const PhraseTrie::Hit hit = phrases_.Longest(tokens, pos, end);
  return hit.value == PhraseTrie::kNone ? nullptr : &rules_[hit.value];
}

}  // namespace notecoder::nlp
