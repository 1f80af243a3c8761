#pragma once
// Deterministic synthetic labelled notes for demonstrations, tests and benchmarks: multi-section
// notes (HPI, PMH, medications, family and social history, ROS, exam, assessment and plan) built
// from our own phrase templates. Each note is labelled with the real FY2026 billable codes of the
// conditions it asserts; it also mentions other conditions negated ("denies chest pain"), in the
// family ("mother had COPD") or hypothetically ("return if fever develops"), which are NOT labels.
// The same seed gives byte-identical notes; note i depends only on (seed, i).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codes/codebook.hpp"
#include "infra/result.hpp"

namespace notecoder::ml {

struct LabelledNote {
  std::string note;
  std::vector<std::string> codes;  // dotted codes, sorted
};

// One label of the generator's pool and the ways a note can name it.
struct SyntheticCondition {
  std::string code;
  std::vector<std::string> names;
  std::vector<std::string> meds;
  std::vector<std::string> findings;
  std::vector<std::string> plans;
};

class SyntheticNotes {
 public:
  // The pool holds `label_count` conditions: the hand-written ones first (all of them, or the
  // first `label_count`), then billable codes chosen deterministically from the codebook and
  // phrased from their titles. Every code is checked against `book`; a hand-written code that is
  // unknown or not billable is a kInvalidArgument error, as is a count the codebook cannot fill.
  static Result<SyntheticNotes> Create(const codes::Codebook& book, std::size_t label_count);

  LabelledNote Generate(std::uint64_t seed, std::uint64_t index) const;
  const std::vector<SyntheticCondition>& conditions() const { return conditions_; }

 private:
  SyntheticNotes(std::vector<SyntheticCondition> conditions, std::size_t curated)
      : conditions_(std::move(conditions)), curated_(curated) {}

  std::vector<SyntheticCondition> conditions_;
  std::size_t curated_;
};

// Appends `{"note": "...", "codes": ["E11.22", ...]}` and a newline.
void AppendJsonLine(const LabelledNote& note, std::string& out);

}  // namespace notecoder::ml
