#pragma once
// Recognises a section header at the start of a line.
#include <cstdint>
#include <optional>
#include <string_view>

#include "nlp/document.hpp"

namespace notecoder::nlp {

struct HeaderMatch {
  SectionKind kind = SectionKind::kUnknown;
  Span header;               // the header text, including a trailing colon
  std::uint32_t body_begin;  // where the text after the header starts on the same line
  bool recognised = true;    // false: a stand-alone "Some Label:" line not in the table
};

// Looks for a header at the start of the trimmed line text[begin, end). Accepted forms, matched
// case-insensitively against the synonym table:
//   "Past Medical History:" / "PMH: HTN, DM"   (label + colon, body may follow on the line)
//   "PAST MEDICAL HISTORY" / "Plan"            (the whole line is a label, no colon)
//   "ASSESSMENT AND PLAN The patient ..."      (an upper-case label, then a capitalised word)
// Prose that merely starts with a header word ("Plan to follow up", "PE was ruled out") is not
// a header. A line that is only an unknown label and a colon ("Disposition:") comes back with
// recognised = false so the caller can decide.
std::optional<HeaderMatch> DetectHeader(std::string_view text, std::uint32_t begin,
                                        std::uint32_t end);

}  // namespace notecoder::nlp
