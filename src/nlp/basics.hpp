#pragma once
// Deterministic facts read from the note without any model: age, sex, dates, vitals,
// medications and allergies where listed.
#include <optional>
#include <string>
#include <vector>

#include "nlp/document.hpp"

namespace notecoder::nlp {

struct Vital {
  std::string name;   // "bp", "hr", "rr", "temp", "spo2", "weight", "height", "bmi"
  std::string value;  // as written, e.g. "142/88", "98.6"
  std::string unit;   // "mmHg", "bpm", "F", "%", "kg", ... or empty
  Span span;
};

struct DatedEvent {
  std::string kind;  // "admission", "discharge", "visit", "date_of_service", "other"
  std::string date;  // ISO 8601 (YYYY-MM-DD) when parseable, else as written
  Span span;
};

struct ListedItem {
  std::string text;  // as written (trimmed), e.g. "metformin 500 mg PO BID"
  Span span;
};

struct Basics {
  std::optional<int> age_years;
  std::optional<Span> age_span;
  std::string sex;  // "female", "male" or empty
  std::optional<Span> sex_span;
  std::vector<DatedEvent> dates;
  std::vector<Vital> vitals;
  std::vector<ListedItem> medications;  // from a Medications section, one per item
  std::vector<ListedItem> allergies;    // from an Allergies section; "NKDA" yields none
  bool no_known_allergies = false;
};

Basics ExtractBasics(const Document& doc);

}  // namespace notecoder::nlp
