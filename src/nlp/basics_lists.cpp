// Medications and allergies listed in their sections: one item per list line, or per comma or
// semicolon when several share a line. "NKDA" and its spellings set no_known_allergies.
#include <string>

#include "nlp/basics_internal.hpp"
#include "nlp/text_scan.hpp"

namespace notecoder::nlp::basics_internal {
namespace {

bool IsNone(const Document& doc, Span item) {
  std::string norm;
  for (const char c : SpanText(doc, item)) norm.push_back(scan::ToLower(c));
  return norm == "none" || norm == "no medications" || norm == "no meds" ||
         norm == "none reported" || norm == "no current medications" || norm == "n/a";
}

bool IsNoKnownAllergies(const Document& doc, Span item) {
  std::string norm;
  for (const char c : SpanText(doc, item)) {
    if (scan::IsAlpha(c) || c == ' ') norm.push_back(scan::ToLower(c));
  }
  return norm == "nkda" || norm == "nka" || norm == "nkma" || norm == "none" ||
         norm == "none known" || norm.starts_with("no known") || norm == "no allergies" ||
         norm == "no drug allergies" || norm.starts_with("no known drug allerg");
}

// Calls `emit` for each comma/semicolon-separated item of the sentence, trimmed of spaces and
// a final period; commas inside parentheses or between digits ("1,000") do not split.
template <class Emit>
void SplitItems(const Document& doc, Span sentence, Emit&& emit) {
  const std::string_view text = doc.text;
  int depth = 0;
  std::uint32_t item_begin = sentence.begin;
  auto flush = [&](std::uint32_t item_end) {
    std::uint32_t b = item_begin;
    std::uint32_t e = item_end;
    scan::Trim(text, b, e);
    while (e > b && (text[e - 1] == '.' || scan::IsSpace(text[e - 1]))) --e;
    if (b < e) emit(Span{b, e});
  };
  for (std::uint32_t i = sentence.begin; i < sentence.end; ++i) {
    const char c = text[i];
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
    if (depth > 0 || (c != ',' && c != ';')) continue;
    if (c == ',' && i > sentence.begin && i + 1 < sentence.end && scan::IsDigit(text[i - 1]) &&
        scan::IsDigit(text[i + 1])) {
      continue;
    }
    flush(i);
    item_begin = i + 1;
  }
  flush(sentence.end);
}

}  // namespace

void ExtractListedItems(const Document& doc, Basics& out) {
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const SectionKind kind = doc.SectionOf(s);
    const Span span = doc.sentences[s].span;
    if (kind == SectionKind::kMedications) {
      SplitItems(doc, span, [&](Span item) {
        if (!IsNone(doc, item)) {
          out.medications.push_back(ListedItem{std::string(SpanText(doc, item)), item});
        }
      });
    } else if (kind == SectionKind::kAllergies) {
      SplitItems(doc, span, [&](Span item) {
        if (IsNoKnownAllergies(doc, item)) {
          out.no_known_allergies = true;
        } else {
          out.allergies.push_back(ListedItem{std::string(SpanText(doc, item)), item});
        }
      });
    }
  }
  // "NKDA" also appears outside an allergies section ("Pt is NKDA.").
  if (!out.no_known_allergies) {
    for (const Token& t : doc.tokens) {
      if (t.norm == "nkda" || t.norm == "nka") {
        out.no_known_allergies = true;
        break;
      }
    }
  }
}

}  // namespace notecoder::nlp::basics_internal
