#pragma once
// The analyzed note: every span is a byte range [begin, end) into the original UTF-8 text, so
// evidence always points at what the author wrote.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notecoder::nlp {

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(Span o) const { return begin <= o.begin && o.end <= end; }
  friend bool operator==(Span, Span) = default;
};

enum class SectionKind : std::uint8_t {
  kUnknown,  // text before any header, or an unrecognised header
  kChiefComplaint,
  kHpi,
  kPastMedicalHistory,
  kPastSurgicalHistory,
  kMedications,
  kAllergies,
  kSocialHistory,
  kFamilyHistory,
  kReviewOfSystems,
  kPhysicalExam,
  kVitals,
  kLabs,
  kImaging,
  kAssessment,  // "Assessment", "Impression", "Clinical impression"
  kPlan,
  kAssessmentAndPlan,
  kProblemList,  // "Problem list", "Diagnoses", "Discharge diagnoses", "Active problems"
  kHospitalCourse,
  kProcedures,
  kImmunizations,
  kInstructions,  // discharge instructions, patient education, follow-up
};

const char* SectionKindName(SectionKind kind);  // "past_medical_history", ...

struct Section {
  SectionKind kind = SectionKind::kUnknown;
  Span header;  // the header text ("Past Medical History:"); empty for the leading section
  Span body;    // from after the header to the next header
};

struct Sentence {
  Span span;
  std::uint32_t section = 0;  // index into Document::sections
  bool list_item = false;     // a bullet, numbered or dashed list item, or a "term: value" line
};

enum class TokenKind : std::uint8_t { kWord, kNumber, kPunct };

struct Token {
  Span span;
  std::string norm;  // lower-case, ASCII-folded ("Sézary" → "sezary"); punct as is
  TokenKind kind = TokenKind::kWord;
  std::uint32_t sentence = 0;  // index into Document::sentences
};

struct Document {
  std::string_view text;  // the original note; not owned
  std::vector<Section> sections;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;  // in text order; each sentence's tokens are contiguous

  // Index of the first token of sentence `s` and one past its last (filled by Analyze).
  std::vector<std::uint32_t> sentence_token_begin;
  std::vector<std::uint32_t> sentence_token_end;

  SectionKind SectionOf(std::uint32_t sentence) const {
    return sections.empty() ? SectionKind::kUnknown : sections[sentences[sentence].section].kind;
  }
};

}  // namespace notecoder::nlp
