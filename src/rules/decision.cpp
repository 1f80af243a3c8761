#include "rules/decision.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <unordered_set>

#include "rules/lexicon.hpp"
#include "rules/mention_finder.hpp"

namespace notecoder::rules {
namespace {

bool IsSymptomCode(std::string_view code) { return !code.empty() && code.front() == 'R'; }

std::string_view ReasonFor(nlp::Assertion a) {
  switch (a) {
    case nlp::Assertion::kNegated:
      return "negated";
    case nlp::Assertion::kPossible:
      return "uncertain";
    case nlp::Assertion::kHypothetical:
      return "hypothetical";
    case nlp::Assertion::kHistorical:
      return "historical";
    case nlp::Assertion::kFamily:
      return "family";
    case nlp::Assertion::kPresent:
      return "present";
  }
  return "present";
}

bool IsYearKey(std::string_view k) {
  return k.size() == 4 && (k.starts_with("19") || k.starts_with("20")) &&
         std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "TIA in 2021", "DVT 2015", "STEMI in March 2018": a year before the note's, near the mention
// and not after "since".
bool DatedBefore(const Mention& m, const std::vector<ConceptToken>& tokens, int note_year) {
  constexpr std::uint32_t kReach = 4;
  const std::uint32_t lo = m.head_first > kReach ? m.head_first - kReach : 0;
  const std::uint32_t hi =
      std::min<std::uint32_t>(static_cast<std::uint32_t>(tokens.size()), m.head_last + kReach);
  for (std::uint32_t p = lo; p < hi; ++p) {
    if (tokens[p].sentence != m.sentence || !IsYearKey(tokens[p].key)) continue;
    if (p > 0 && (tokens[p - 1].key == "since" || tokens[p - 1].key == "from")) continue;
    int year = 0;
    const std::string_view key = tokens[p].key;
    std::from_chars(key.data(), key.data() + key.size(), year);
    if (year < note_year) return true;
  }
  return false;
}

// A history trigger that says the condition ended ("resolved", "remote", "former") rather than
// that it has been there a while ("history of", "h/o", a past-history list).
bool EndedTrigger(const Mention& m, const nlp::Document& doc) {
  if (m.assertion.from_section || !m.assertion.trigger) return false;
  std::string t(doc.text.substr(m.assertion.trigger->begin, m.assertion.trigger->size()));
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::string_view kEnded[] = {
      "resolved", "resolution", "remote", "former",    "previous", "prior",   "no longer",
      "past",     "completed",  "cured",  "recovered", "child",    "teenager"};
  if (!std::any_of(std::begin(kEnded), std::end(kEnded),
                   [&](std::string_view w) { return t.find(w) != std::string::npos; })) {
    return false;
  }
  return !TriggerBeyondClause(doc.text, m.span, *m.assertion.trigger);
}

codes::TermId ChildWithKeys(const TermIndex& index, codes::TermId parent,
                            const std::vector<std::string>& keys) {
  if (parent == codes::kNone) return codes::kNone;
  for (codes::TermId c : index.book().SubTerms(parent)) {
    if (index.Info(c).keys == keys) return c;
  }
  return codes::kNone;
}

}  // namespace

DecisionMaker::DecisionMaker(const TermIndex& index, const IndexWalker& walker,
                             const CodeRefiner& refiner)
    : index_(index), walker_(walker), refiner_(refiner) {
  for (codes::TermId t : index_.book().FindMainTerm("History")) {
    if (personal_history_ == codes::kNone)
      personal_history_ = ChildWithKeys(index_, t, {"personal"});
    if (family_history_ == codes::kNone) family_history_ = ChildWithKeys(index_, t, {"family"});
  }
  for (std::string_view prefix : ChronicCodePrefixes()) {
    chronic_prefixes_.Insert(prefix, 1);
    if (std::find(chronic_lengths_.begin(), chronic_lengths_.end(), prefix.size()) ==
        chronic_lengths_.end()) {
      chronic_lengths_.push_back(prefix.size());
    }
  }
}

bool DecisionMaker::IsChronic(codes::CodeId code) const {
  const std::string_view text = index_.book().Code(code);
  return std::any_of(chronic_lengths_.begin(), chronic_lengths_.end(), [&](std::size_t n) {
    return n <= text.size() &&
           chronic_prefixes_.Find(text.substr(0, n)) != nlp::WordTable::kMissing;
  });
}

codes::CodeId DecisionMaker::HistoryCode(codes::TermId branch, const Mention& m,
                                         const std::vector<ConceptToken>& tokens) const {
  if (branch == codes::kNone) return codes::kNone;
  WalkScope scope;
  scope.tokens = &tokens;
  for (std::uint32_t p = m.head_first; p < m.head_last; ++p) scope.direct.push_back(p);
  scope.direct.insert(scope.direct.end(), m.window.begin(), m.window.end());
  scope.SealDirect();
  scope.sentence = m.sentence;
  const WalkResult walk = walker_.Walk(branch, scope);
  // The history must name the condition itself ("thrombosis"), not only "disease" or "disorder".
  if (walk.path.empty() || walk.coded_term == codes::kNone) return codes::kNone;
  const bool named = std::any_of(walk.used.begin(), walk.used.end(), [&](std::uint32_t p) {
    const auto& k = tokens[p].key;
    return k != "disease" && k != "disorder" && k != "condition" && k != "problem";
  });
  if (!named) return codes::kNone;
  const auto code = index_.book().TermCode(walk.coded_term);
  if (!code) return codes::kNone;
  const codes::CodeId billable = refiner_.ToBillable(*code, {}).code;
  if (billable == codes::kNone ||
      index_.book().Title(billable).find("other specified conditions") != std::string_view::npos) {
    return codes::kNone;
  }
  return billable;
}

std::string DecisionMaker::PathText(const Mention& m) const {
  const auto& book = index_.book();
  if (m.main_term == codes::kNone)
    return "tabular: the note uses the official title or an inclusion term";
  std::string s = "index: ";
  s += book.TermTitle(m.main_term);
  for (codes::TermId t : m.walk.path) {
    s += " > ";
    s += book.TermTitle(t);
  }
  return s;
}

Decision DecisionMaker::Decide(const Mention& m, const nlp::Document& doc,
                               const std::vector<ConceptToken>& tokens, int note_year) const {
  const auto& book = index_.book();
  const std::string code(book.Code(m.code));
  const std::string section = nlp::SectionKindName(m.section);
  Decision d;
  const auto exclude = [&](std::string_view reason, std::string note = {}) {
    ExcludedMention e;
    e.span = m.span;
    e.reason = std::string(reason);
    e.code = code;
    e.description = std::string(book.Title(m.code));
    if (!m.assertion.from_section) e.trigger = m.assertion.trigger;
    e.section = section;
    e.note = std::move(note);
    d.excluded = std::move(e);
  };
  const auto code_it = [&](codes::CodeId id, nlp::Assertion assertion, std::string rationale) {
    CodedDiagnosis c;
    c.code = std::string(book.Code(id));
    c.description = std::string(book.Title(id));
    c.assertion = assertion;
    c.section = section;
    c.evidence = m.evidence;
    double score = 0.55 + 0.08 * std::min(m.words, 5.0);
    if (m.defaulted) score -= 0.1;
    if (IsAssessmentSection(m.section)) {
      score += 0.05;
    }
    if (IsSymptomCode(c.code)) score -= 0.1;
    c.score = std::clamp(score, 0.05, 0.99);
    c.rationale = std::move(rationale);
    d.coded = std::move(c);
  };

  switch (m.section) {
    case nlp::SectionKind::kLabs:
    case nlp::SectionKind::kImaging:
      exclude("finding_only", "results are coded from the provider's assessment");
      return d;
    case nlp::SectionKind::kReviewOfSystems:
      if (IsSymptomCode(code) && m.assertion.assertion == nlp::Assertion::kPresent) {
        exclude("review_of_systems", "symptoms reported in the review of systems are not coded");
        return d;
      }
      break;
    case nlp::SectionKind::kPhysicalExam:
      if (IsSymptomCode(code) && m.assertion.assertion == nlp::Assertion::kPresent) {
        exclude("exam_finding", "exam findings are coded only when the assessment names them");
        return d;
      }
      break;
    default:
      break;
  }

  // Only coded mentions carry a rationale; building it for every excluded one costs time.
  const auto rationale_text = [&] {
    std::string r = PathText(m);
    if (m.defaulted) r += "; unspecified where the note gives no detail";
    return r;
  };
  std::string rationale;
  nlp::Assertion assertion = m.assertion.assertion;
  if (assertion == nlp::Assertion::kPresent && !IsChronic(m.code) &&
      DatedBefore(m, tokens, note_year)) {
    assertion = nlp::Assertion::kHistorical;
    rationale = "; dated in an earlier year";
  }
  switch (assertion) {
    case nlp::Assertion::kPresent:
      code_it(m.code, nlp::Assertion::kPresent, rationale_text() + rationale);
      return d;
    case nlp::Assertion::kHistorical: {
      if (IsChronic(m.code) && !EndedTrigger(m, doc)) {
        code_it(m.code, nlp::Assertion::kPresent,
                rationale_text() + rationale +
                    "; a chronic condition documented as history is still current");
        return d;
      }
      // Past operations are not coded as history here ("s/p cataract surgery").
      const codes::CodeId z = m.section == nlp::SectionKind::kPastSurgicalHistory
                                  ? codes::kNone
                                  : HistoryCode(personal_history_, m, tokens);
      if (z != codes::kNone) {
        const std::string zcode(book.Code(z));
        code_it(z, nlp::Assertion::kHistorical,
                "index: History > personal; " + rationale_text() + rationale);
        exclude("historical", "coded as personal history " + zcode);
      } else {
        exclude("historical");
      }
      return d;
    }
    case nlp::Assertion::kFamily: {
      const codes::CodeId z = HistoryCode(family_history_, m, tokens);
      exclude("family", z != codes::kNone
                            ? "family history code " + std::string(book.Code(z)) + " if relevant"
                            : std::string());
      return d;
    }
    default:
      exclude(ReasonFor(m.assertion.assertion));
      return d;
  }
}

}  // namespace notecoder::rules
