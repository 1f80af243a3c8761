#include "nlp/section_detector.hpp"

#include <string>

#include "nlp/section_headers.hpp"
#include "nlp/text_scan.hpp"

namespace notecoder::nlp {
namespace {

// Longest label we try to look up; the longest synonym is ~40 bytes.
constexpr std::uint32_t kMaxLabelBytes = 48;
constexpr int kMaxInlineLabelWords = 5;

// A table rather than a chain of compares: the label scan asks this of the first bytes of every
// line, and which compare succeeds depends on the byte, which the predictor cannot learn.
constexpr auto kLabelChar = [] {
  struct Table {
    bool at[256] = {};
  } t;
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    t.at[c] = scan::IsAlpha(ch) || ch == ' ' || ch == '\t' || ch == '/' || ch == '&' || ch == '-' ||
              ch == '.' || ch == '\'';
  }
  return t;
}();

bool IsLabelChar(char c) { return kLabelChar.at[static_cast<unsigned char>(c)]; }

std::uint32_t SkipSpaces(std::string_view text, std::uint32_t pos, std::uint32_t end) {
  while (pos < end && scan::IsSpace(text[pos])) ++pos;
  return pos;
}

std::optional<SectionKind> Lookup(std::string_view label) {
  std::string normalized;
  normalized.reserve(label.size());
  NormalizeHeaderLabel(label, normalized);
  if (normalized.empty()) return std::nullopt;
  return LookupSectionHeader(normalized);
}

// "ASSESSMENT AND PLAN The patient ...": the longest run of upper-case words that is a known
// label, followed by a capitalised word or a number. Acronyms followed by lower-case prose
// ("PE was ruled out") do not qualify.
std::optional<HeaderMatch> DetectUpperCasePrefix(std::string_view text, std::uint32_t label_begin,
                                                 std::uint32_t end) {
  std::uint32_t word_ends[kMaxInlineLabelWords];
  int words = 0;
  std::uint32_t pos = label_begin;
  while (words < kMaxInlineLabelWords && pos < end) {
    const std::uint32_t word_begin = pos;
    while (pos < end && (scan::IsUpper(text[pos]) || text[pos] == '/' || text[pos] == '&')) ++pos;
    if (pos == word_begin || (pos < end && !scan::IsSpace(text[pos]))) break;
    word_ends[words++] = pos;
    pos = SkipSpaces(text, pos, end);
  }
  for (int w = words - 1; w >= 0; --w) {
    const std::uint32_t label_end = word_ends[w];
    std::uint32_t next = SkipSpaces(text, label_end, end);
    if (next + 1 < end && text[next] == '-' && scan::IsSpace(text[next + 1])) {
      next = SkipSpaces(text, next + 1, end);  // "HPI - 65 yo ..."
    }
    if (next >= end) continue;
    const bool capitalised =
        scan::IsUpper(text[next]) && next + 1 < end && scan::IsLower(text[next + 1]);
    if (!capitalised && !scan::IsDigit(text[next])) continue;
    if (const auto kind = Lookup(text.substr(label_begin, label_end - label_begin))) {
      return HeaderMatch{*kind, Span{label_begin, label_end}, next, true};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<HeaderMatch> DetectHeader(std::string_view text, std::uint32_t begin,
                                        std::uint32_t end) {
  std::uint32_t label_begin = begin;
  // Markdown decorations: "## Plan", "**Assessment:**".
  if (text[label_begin] == '#' ||
      (label_begin + 1 < end && text[label_begin] == '*' && text[label_begin + 1] == '*')) {
    while (label_begin < end && (text[label_begin] == '#' || text[label_begin] == '*')) {
      ++label_begin;
    }
    label_begin = SkipSpaces(text, label_begin, end);
  }
  if (label_begin >= end || !scan::IsAlpha(text[label_begin])) return std::nullopt;

  // Scan the label characters; stop at a colon or at anything a label cannot contain.
  std::uint32_t pos = label_begin;
  const std::uint32_t limit = std::min(end, label_begin + kMaxLabelBytes);
  while (pos < limit && IsLabelChar(text[pos])) ++pos;

  if (pos < end && text[pos] == ':') {
    const auto label = text.substr(label_begin, pos - label_begin);
    std::uint32_t header_end = pos + 1;
    while (header_end < end && text[header_end] == '*') ++header_end;  // "**Plan:**"
    const std::uint32_t body = SkipSpaces(text, header_end, end);
    if (const auto kind = Lookup(label)) {
      return HeaderMatch{*kind, Span{begin, header_end}, body, true};
    }
    if (body >= end && scan::IsUpper(text[label_begin])) {
      return HeaderMatch{SectionKind::kUnknown, Span{begin, header_end}, body, false};
    }
    return std::nullopt;
  }
  if (pos == end) {  // the whole line may be a label
    std::uint32_t label_end = end;
    while (label_end > label_begin && (text[label_end - 1] == '*' || text[label_end - 1] == '#')) {
      --label_end;
    }
    if (const auto kind = Lookup(text.substr(label_begin, label_end - label_begin))) {
      return HeaderMatch{*kind, Span{begin, end}, end, true};
    }
  }
  return DetectUpperCasePrefix(text, label_begin, end);
}

}  // namespace notecoder::nlp
