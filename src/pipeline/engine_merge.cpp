#include "pipeline/engine_merge.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

namespace notecoder::pipeline {
namespace {

std::string_view Category(std::string_view code) { return code.substr(0, 3); }

bool IsContradiction(std::string_view reason) {
  return reason == "negated" || reason == "family" || reason == "hypothetical";
}

std::string Rounded(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

}  // namespace

CodingResult FromRules(rules::RulesResult&& rules_result) {
  CodingResult out;
  out.codes.reserve(rules_result.codes.size());
  for (auto& dx : rules_result.codes) {
    FinalCode c;
    c.rules_score = dx.score;
    c.diagnosis = std::move(dx);
    out.codes.push_back(std::move(c));
  }
  rules_result.codes.clear();
  out.rules = std::move(rules_result);
  return out;
}

void MergeModelSuggestions(const codes::Codebook& book, const ml::Model& model,
                           std::span<const ml::LabelScore> suggestions, CodingResult& result) {
  const bool probabilities = model.Kind() == ml::ScoreKind::kLogisticProba;
  const std::size_t rules_count = result.codes.size();
  // The rules codes' excludes1 references, gathered once, when a model-only code first needs
  // them, rather than per (suggestion, rules code) pair.
  std::vector<codes::Excludes1Profile> rules_profiles;
  for (const ml::LabelScore& s : suggestions) {
    const std::string_view code = s.code;
    const auto same = std::find_if(result.codes.begin(), result.codes.end(),
                                   [&](const FinalCode& c) { return c.diagnosis.code == code; });
    if (same != result.codes.end()) {
      same->ml_score = s.score;
      if (probabilities && same->rules_score) {
        same->diagnosis.score = 1.0 - (1.0 - *same->rules_score) * (1.0 - s.score);
      }
      continue;
    }
    const auto id = book.Find(code);
    if (!id) continue;  // checked at model load; a codebook swap could still get here
    // Only rules codes vouch for a category: a model-only code already accepted does not.
    const auto rules_codes = std::span(result.codes).first(rules_count);
    const bool category_present = std::any_of(
        rules_codes.begin(), rules_codes.end(),
        [&](const FinalCode& c) { return Category(c.diagnosis.code) == Category(code); });
    const rules::ExcludedMention* contradiction = nullptr;
    if (!category_present) {
      for (const auto& e : result.rules.excluded) {
        if (!e.code.empty() && Category(e.code) == Category(code) && IsContradiction(e.reason)) {
          contradiction = &e;
          break;
        }
      }
    }
    const auto refuse = [&](std::string reason, std::string why, const nlp::Span& span,
                            std::string section) {
      rules::ExcludedMention x;
      x.span = span;
      x.reason = std::move(reason);
      x.code = std::string(code);
      x.description = std::string(book.Title(*id));
      x.section = std::move(section);
      x.note = std::move(why);
      result.rules.excluded.push_back(std::move(x));
      ++result.rules.excluded_total;
    };
    if (contradiction != nullptr) {
      refuse(contradiction->reason,
             "model suggestion (score " + Rounded(s.score) + ") refused: the note states it as " +
                 contradiction->reason,
             contradiction->span, contradiction->section);
      continue;
    }
    // "Unspecified" and "without complications" say less than any code the rules engine found
    // in the same category ("E11.9" beside "E11.22").
    const std::string_view title = book.Title(*id);
    const bool says_less = title.find("nspecified") != std::string_view::npos ||
                           title.find("without complication") != std::string_view::npos;
    if (says_less && category_present) continue;
    if (rules_profiles.size() != rules_count) {
      for (const FinalCode& c : rules_codes) {
        const auto other = book.Find(c.diagnosis.code);
        rules_profiles.push_back(other ? book.Excludes1ProfileOf(*other)
                                       : codes::Excludes1Profile{});
      }
    }
    const codes::Excludes1Profile profile = book.Excludes1ProfileOf(*id);
    const FinalCode* conflict = nullptr;
    for (std::size_t k = 0; k < rules_count; ++k) {
      if (codes::Codebook::FindExcludes1Conflict(profile, rules_profiles[k])) {
        conflict = &rules_codes[k];
        break;
      }
    }
    if (conflict != nullptr) {
      refuse(
          "excludes1",
          "model suggestion (score " + Rounded(s.score) + ") refused: Excludes1 with " +
              conflict->diagnosis.code,
          conflict->diagnosis.evidence.empty() ? nlp::Span{} : conflict->diagnosis.evidence.front(),
          conflict->diagnosis.section);
      continue;
    }
    FinalCode c;
    c.ml_score = s.score;
    c.diagnosis.code = std::string(code);
    c.diagnosis.description = std::string(book.Title(*id));
    c.diagnosis.score = probabilities ? s.score : 0.5;
    c.diagnosis.assertion = nlp::Assertion::kPresent;
    c.diagnosis.rationale = "suggested by the ML model (score " + Rounded(s.score) +
                            " >= threshold " + Rounded(model.Threshold(s.label)) +
                            "); no rules evidence";
    result.codes.push_back(std::move(c));
  }
  // Best first: codes both engines support, then rules-only codes, then model-only codes (those
  // arrive best first); each group keeps its order.
  const auto group = [](const FinalCode& c) { return c.from_rules() ? (c.from_ml() ? 0 : 1) : 2; };
  std::stable_sort(result.codes.begin(), result.codes.end(),
                   [&](const FinalCode& a, const FinalCode& b) { return group(a) < group(b); });
  result.ml_used = true;
  result.model_fingerprint = std::string(model.Fingerprint());
}

}  // namespace notecoder::pipeline
