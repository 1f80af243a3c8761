#pragma once
// The hand-written conditions of the synthetic corpus: for each, a real FY2026 billable code and
// our own phrasing (synonyms and abbreviations clinicians write, medications, findings, plans).
// Alternatives are separated by '|'; an empty field means "none".
#include <span>
#include <string_view>

namespace notecoder::ml {

struct ConditionPhrasing {
  std::string_view code;
  std::string_view names;     // how the note names it: "type 2 diabetes|T2DM|DM2"
  std::string_view meds;      // medications that go with it
  std::string_view findings;  // HPI or exam details that go with it
  std::string_view plans;     // what the plan says about it
};

// In a fixed order: the generator's output depends on it.
std::span<const ConditionPhrasing> CuratedConditions();

}  // namespace notecoder::ml
