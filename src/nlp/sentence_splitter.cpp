#include "nlp/sentence_splitter.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

#include "infra/same_bytes.hpp"
#include "nlp/section_detector.hpp"
#include "nlp/text_scan.hpp"

namespace notecoder::nlp {
namespace {

// Abbreviations after which a period never ends a sentence: titles, Latin, "versus". Sorted.
constexpr std::array<std::string_view, 18> kHardAbbreviations = {
    "approx", "ca", "cf",  "dept", "dr",   "e.g", "eg", "i.e", "ie",
    "jr",     "mr", "mrs", "ms",   "prof", "pt",  "sr", "st",  "vs",
};
// Abbreviations after which a period ends a sentence only before a capitalised word
// ("500 mg. PO daily" stays, "metformin b.i.d. Denies pain" splits). Sorted.
constexpr std::array<std::string_view, 26> kSoftAbbreviations = {
    "b.i.d", "cap",   "caps",  "etc",   "h.s", "hr",   "hrs",   "mcg",   "mg",
    "min",   "mins",  "ml",    "mo",    "mos", "p.o",  "p.r.n", "q.a.m", "q.d",
    "q.h.s", "q.i.d", "q.o.d", "t.i.d", "tab", "tabs", "wk",    "yrs",
};

static_assert(std::is_sorted(kHardAbbreviations.begin(), kHardAbbreviations.end()));
static_assert(std::is_sorted(kSoftAbbreviations.begin(), kSoftAbbreviations.end()));

// Words that never end a sentence: a line ending in one is wrapped. Sorted.
constexpr std::array<std::string_view, 22> kContinuationWords = {
    "a",  "an", "and",  "at",   "by",  "for", "from", "in",   "into", "is",   "of",
    "on", "or", "than", "that", "the", "to",  "was",  "were", "who",  "with", "x",
};
static_assert(std::is_sorted(kContinuationWords.begin(), kContinuationWords.end()));

bool IsListLikeSection(SectionKind kind) {
  switch (kind) {
    case SectionKind::kMedications:
    case SectionKind::kAllergies:
    case SectionKind::kProblemList:
    case SectionKind::kVitals:
    case SectionKind::kLabs:
    case SectionKind::kImmunizations:
      return true;
    default:
      return false;
  }
}

// Sections whose assertion default (family, historical) must not leak into the text under an
// unrecognised sub-header that follows them.
bool HasLeakyDefault(SectionKind kind) {
  return kind == SectionKind::kFamilyHistory || kind == SectionKind::kPastMedicalHistory ||
         kind == SectionKind::kPastSurgicalHistory;
}

bool StartsWithBytes(std::string_view text, std::uint32_t pos, std::uint32_t end,
                     std::string_view prefix) {
  return end - pos >= prefix.size() &&
         infra::SameBytes(text.data() + pos, prefix.data(), prefix.size());
}

// End of a list marker at the start of the trimmed line text[begin, end), or 0 if none.
std::uint32_t ListMarkerEnd(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  std::uint32_t pos = begin;
  const char c = text[pos];
  if (c == '-' || c == '*' || c == '+' || c == '>') {
    ++pos;
  } else if (StartsWithBytes(text, pos, end, "\xE2\x80\xA2") ||  // • bullet
             StartsWithBytes(text, pos, end, "\xE2\x80\x93") ||  // – en dash
             StartsWithBytes(text, pos, end, "\xE2\x96\xAA") ||  // ▪ small square
             StartsWithBytes(text, pos, end, "\xE2\x97\x8F") ||  // ● black circle
             StartsWithBytes(text, pos, end, "\xE2\x97\xA6")) {  // ◦ white bullet
    pos += 3;
  } else if (StartsWithBytes(text, pos, end, "\xC2\xB7")) {  // · middle dot
    pos += 2;
  } else {
    if (c == '(') ++pos;
    const std::uint32_t num_begin = pos;
    while (pos < end && pos - num_begin < 3 && scan::IsDigit(text[pos])) ++pos;
    const bool numbered = pos > num_begin;
    // "a)" or "(a)"; "a." only in lower case, so that initials ("J. Smith") are not list items.
    if (!numbered && pos < end && scan::IsAlpha(text[pos]) && pos + 1 < end &&
        (text[pos + 1] == ')' || (text[pos + 1] == '.' && scan::IsLower(text[pos])))) {
      ++pos;
    } else if (!numbered) {
      return 0;
    }
    if (pos >= end || (text[pos] != '.' && text[pos] != ')')) return 0;
    ++pos;
  }
  if (pos < end && !scan::IsSpace(text[pos])) return 0;
  while (pos < end && scan::IsSpace(text[pos])) ++pos;
  return pos;
}

// "BP: 142/88", "Sex: F", "Neuro: alert": a short capitalised label, a colon, then anything.
bool IsKeyValueLine(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (!scan::IsUpper(text[begin])) return false;
  constexpr std::uint32_t kMaxLabel = 32;
  int spaces = 0;
  for (std::uint32_t pos = begin; pos < end && pos - begin <= kMaxLabel; ++pos) {
    const char c = text[pos];
    if (c == ':') return pos + 1 >= end || text[pos + 1] != '/';
    if (c == ' ') {
      if (++spaces > 3) return false;
      continue;
    }
    if (!(scan::IsAlnum(c) || c == '/' || c == '(' || c == ')' || c == '-' || c == '&' ||
          c == '#' || c == '.' || c == '\'')) {
      return false;
    }
  }
  return false;
}

// The next '\n' or '\r' at or after `pos` (or the end): memchr scans a line in vector steps.
std::uint32_t NextLineBreak(std::string_view text, std::uint32_t pos) {
  const char* begin = text.data() + pos;
  const std::size_t left = text.size() - pos;
  const void* lf = std::memchr(begin, '\n', left);
  const std::size_t to_lf = lf ? static_cast<const char*>(lf) - begin : left;
  const void* cr = std::memchr(begin, '\r', to_lf);
  const std::size_t to_break = cr ? static_cast<const char*>(cr) - begin : to_lf;
  return pos + static_cast<std::uint32_t>(to_break);
}

class Splitter {
 public:
  explicit Splitter(Document& doc) : doc_(doc), text_(doc.text) {}

  void Run() {
    const auto n = static_cast<std::uint32_t>(text_.size());
    std::uint32_t pos = 0;
    while (pos < n) {
      const std::uint32_t line_end = NextLineBreak(text_, pos);
      ProcessLine(pos, line_end);
      pos = line_end;
      if (pos < n && text_[pos] == '\r') ++pos;
      if (pos < n && text_[pos] == '\n') ++pos;
    }
    CloseSentence();
    if (doc_.sections.empty()) OpenSection(SectionKind::kUnknown, Span{0, 0});
    doc_.sections.back().body.end = n;
  }

 private:
  void ProcessLine(std::uint32_t begin, std::uint32_t end) {
    const std::uint32_t line_begin = begin;
    scan::Trim(text_, begin, end);
    if (begin == end) {
      CloseSentence();
      return;
    }
    if (const auto header = DetectHeader(text_, begin, end)) {
      const bool opens = header->recognised ||
                         (!doc_.sections.empty() && HasLeakyDefault(doc_.sections.back().kind));
      if (opens) {
        CloseSentence();
        OpenSection(header->kind, header->header);
        if (header->body_begin < end) {
          // "Assessment/Plan: 1. Chest pain" starts a numbered list on the header line.
          const std::uint32_t item = ListMarkerEnd(text_, header->body_begin, end);
          const bool list = item != 0 || IsListLikeSection(header->kind);
          const std::uint32_t body = item != 0 ? item : header->body_begin;
          if (body < end) ScanContent(body, end, list, item != 0 || !list);
        }
        return;
      }
    }
    if (doc_.sections.empty()) OpenSection(SectionKind::kUnknown, Span{0, 0});
    if (const std::uint32_t item = ListMarkerEnd(text_, begin, end)) {
      CloseSentence();
      if (item < end) ScanContent(item, end, true, true);
      return;
    }
    if (IsListLikeSection(doc_.sections.back().kind) || IsKeyValueLine(text_, begin, end)) {
      CloseSentence();
      // A long "Dispo: home; ... Return if pain becomes" line is prose wrapped onto the next
      // line; a short "BP: 142/88" is a template field that never continues.
      constexpr std::uint32_t kProseLine = 40;
      ScanContent(begin, end, true, end - begin > kProseLine);
      return;
    }
    const bool indented = begin > line_begin;
    const bool continues =
        open_ && can_continue_ &&
        (scan::IsLower(text_[begin]) || EndsMidSentence() || (list_item_ && indented));
    if (!continues) CloseSentence();
    ScanContent(begin, end, false, true);
  }

  // True when the open sentence stops on a comma or a word that cannot end a sentence
  // ("seen by Dr. Smith on" / "March 10"), so the next line continues it whatever its case.
  bool EndsMidSentence() const {
    if (last_end_ <= start_) return false;
    if (text_[last_end_ - 1] == ',') return true;
    std::uint32_t w = last_end_;
    while (w > start_ && scan::IsAlpha(text_[w - 1])) --w;
    const std::uint32_t len = last_end_ - w;
    if (len == 0 || len > 5) return false;
    char buf[5];
    for (std::uint32_t k = 0; k < len; ++k) buf[k] = scan::ToLower(text_[w + k]);
    const std::string_view word(buf, len);
    return std::binary_search(kContinuationWords.begin(), kContinuationWords.end(), word);
  }

  void OpenSection(SectionKind kind, Span header) {
    if (!doc_.sections.empty()) doc_.sections.back().body.end = header.begin;
    Section& s = doc_.sections.emplace_back();
    s.kind = kind;
    s.header = header;
    s.body = Span{header.end, header.end};
  }

  // Scans one line's content for sentence ends. `list` marks new sentences as list items;
  // `continuable` says whether the next line may continue an unfinished sentence.
  void ScanContent(std::uint32_t begin, std::uint32_t end, bool list, bool continuable) {
    if (!open_) Start(begin, list);
    for (std::uint32_t i = scan::FindTerminator(text_, begin, end); i < end;
         i = scan::FindTerminator(text_, i + 1, end)) {
      const std::uint32_t stop = SentenceEndAt(i, end);
      if (stop == 0) continue;
      last_end_ = stop;
      CloseSentence();
      std::uint32_t next = stop;
      while (next < end && scan::IsSpace(text_[next])) ++next;
      if (next < end) Start(next, list);
      i = next - 1;
    }
    if (open_) {
      last_end_ = end;
      can_continue_ = continuable;
    }
  }

  // If the terminator at `i` ends the sentence, the end offset (after closing quotes and
  // brackets); otherwise 0.
  std::uint32_t SentenceEndAt(std::uint32_t i, std::uint32_t end) const {
    if (i == start_) return 0;  // "? pneumonia", "... and then"
    std::uint32_t j = i;
    while (j < end && (text_[j] == '.' || text_[j] == '!' || text_[j] == '?')) ++j;
    const bool single_period = text_[i] == '.' && j == i + 1;
    while (j < end && (text_[j] == ')' || text_[j] == ']' || text_[j] == '"' || text_[j] == '\'')) {
      ++j;
    }
    if (j < end && !scan::IsSpace(text_[j])) return 0;  // "7.2", "b.i.d", "e.g.,"
    std::uint32_t k = j;
    while (k < end && scan::IsSpace(text_[k])) ++k;
    if (k >= end) return j;
    if (scan::IsLower(text_[k])) return 0;
    if (!single_period) return j;

    // The word before the period, with inner dots ("b.i.d", "e.g").
    std::uint32_t w = i;
    while (w > start_ && (scan::IsAlpha(text_[w - 1]) || text_[w - 1] == '.')) --w;
    char buf[12];
    std::size_t len = 0;
    if (w == i && start_ < i && scan::IsDigit(text_[i - 1])) {
      std::uint32_t d = i;
      while (d > start_ && scan::IsDigit(text_[d - 1])) --d;
      if (d == start_) return 0;  // "1. " opening an inline numbered item
    }
    if (i - w >= sizeof buf) return j;
    for (std::uint32_t p = w; p < i; ++p) buf[len++] = scan::ToLower(text_[p]);
    const std::string_view word(buf, len);
    if (std::binary_search(kHardAbbreviations.begin(), kHardAbbreviations.end(), word)) return 0;
    if (word == "no" && scan::IsDigit(text_[k])) return 0;  // "No. 5"
    const bool capitalised_next =
        scan::IsUpper(text_[k]) && k + 1 < end && scan::IsLower(text_[k + 1]);
    if (std::binary_search(kSoftAbbreviations.begin(), kSoftAbbreviations.end(), word)) {
      return capitalised_next ? j : 0;
    }
    // An initial: one capital letter standing alone, then a capitalised name ("J. Smith").
    if (len == 1 && scan::IsUpper(text_[w]) && (w == 0 || !scan::IsAlnum(text_[w - 1])) &&
        scan::IsUpper(text_[k])) {
      return 0;
    }
    return j;
  }

  void Start(std::uint32_t begin, bool list) {
    open_ = true;
    start_ = begin;
    last_end_ = begin;
    list_item_ = list;
    can_continue_ = false;
  }

  void CloseSentence() {
    if (!open_) return;
    open_ = false;
    std::uint32_t begin = start_;
    std::uint32_t end = last_end_;
    scan::Trim(text_, begin, end);
    if (begin >= end) return;
    Sentence& s = doc_.sentences.emplace_back();
    s.span = Span{begin, end};
    s.section = static_cast<std::uint32_t>(doc_.sections.size() - 1);
    s.list_item = list_item_;
  }

  Document& doc_;
  std::string_view text_;
  bool open_ = false;
  std::uint32_t start_ = 0;
  std::uint32_t last_end_ = 0;
  bool list_item_ = false;
  bool can_continue_ = false;
};

}  // namespace

void SplitSectionsAndSentences(Document& doc) { Splitter(doc).Run(); }

}  // namespace notecoder::nlp
