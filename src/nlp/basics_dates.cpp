// Dates: "03/14/2024", "3/14/24", "2024-03-14", "March 14, 2024", "14 Mar 2024", normalized to
// ISO 8601 and labelled by the nearest keyword before them in the sentence.
#include <array>
#include <cstdio>
#include <string>

#include "infra/same_bytes.hpp"
#include "nlp/basics_internal.hpp"

namespace notecoder::nlp::basics_internal {
namespace {

constexpr std::uint32_t kKeywordLookBack = 8;

struct Ymd {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool Valid(const Ymd& d) {
  return d.year >= 1900 && d.year <= 2199 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= 31;
}

int ExpandYear(int year, std::size_t digits) {
  if (digits != 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;  // "3/14/24" → 2024, "5/2/58" → 1958
}

// The first three bytes of `w` (at least three long) as one integer.
constexpr std::uint32_t FirstThree(std::string_view w) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(w[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(w[1])) << 8 |
         static_cast<unsigned char>(w[2]);
}

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kFull = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// The lengths month names have (a bit per length), by first letter.
constexpr std::array<std::uint16_t, 256> kMonthLengths = [] {
  std::array<std::uint16_t, 256> lengths{};
  for (std::size_t m = 0; m < 12; ++m) {
    lengths[static_cast<unsigned char>(kMonths[m].front())] |= 1u << kMonths[m].size();
    lengths[static_cast<unsigned char>(kFull[m].front())] |= 1u << kFull[m].size();
  }
  lengths['s'] |= 1u << 4;  // "sept"
  return lengths;
}();

// Whether `norm` has the first letter and the length of a month name. Most tokens are not
// months, and which ones fail which test depends on the word, which the predictor cannot learn
// across notes: so no branch at all. An empty norm reads no byte (its entry is that of NUL).
bool MayBeMonth(std::string_view norm) {
  const std::size_t n = norm.size();
  const unsigned char first = n != 0 ? static_cast<unsigned char>(norm[0]) : 0;
  return (n - 3 <= 12) & (((kMonthLengths[first] >> (n & 15)) & 1u) != 0);
}

int MonthNumber(std::string_view norm) {
  if (!MayBeMonth(norm)) return 0;
  // Month names differ in their first three letters: one integer compare per month finds the
  // only candidate ("and" passes the filter above as a possible "apr" or "aug").
  static constexpr std::array<std::uint32_t, 12> kPacked = [] {
    std::array<std::uint32_t, 12> packed{};
    for (std::size_t m = 0; m < 12; ++m) packed[m] = FirstThree(kMonths[m]);
    return packed;
  }();
  const std::uint32_t key = FirstThree(norm);
  for (std::size_t m = 0; m < 12; ++m) {
    if (kPacked[m] != key) continue;
    const bool whole =
        norm.size() == 3 || infra::SameWord(norm, kFull[m]) || (m == 8 && norm == "sept");
    return whole ? static_cast<int>(m) + 1 : 0;
  }
  return 0;
}

std::optional<int> DayNumber(const Token& t) {
  const std::size_t digits = DigitPrefix(t.norm);
  if (digits == 0 || digits > 2) return std::nullopt;
  const std::string_view suffix = std::string_view(t.norm).substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
    return std::nullopt;
  }
  return ParseInt(std::string_view(t.norm).substr(0, digits));
}

std::optional<int> Year4(const Token& t) {
  if (t.kind != TokenKind::kNumber || t.norm.size() != 4) return std::nullopt;
  return ParseInt(t.norm);
}

// Numeric dates: five adjacent tokens n sep n sep n with the same separator.
std::optional<Ymd> NumericDate(const std::vector<Token>& t, std::uint32_t i, std::uint32_t end,
                               std::uint32_t& after) {
  if (i + 5 > end) return std::nullopt;
  for (std::uint32_t k = i; k < i + 4; ++k) {
    if (!Adjacent(t[k], t[k + 1])) return std::nullopt;
  }
  const std::string_view sep = t[i + 1].norm;
  if ((sep != "/" && sep != "-") || t[i + 3].norm != sep) return std::nullopt;
  if (t[i].kind != TokenKind::kNumber || t[i + 2].kind != TokenKind::kNumber ||
      t[i + 4].kind != TokenKind::kNumber) {
    return std::nullopt;
  }
  const auto a = ParseInt(t[i].norm);
  const auto b = ParseInt(t[i + 2].norm);
  const auto c = ParseInt(t[i + 4].norm);
  if (!a || !b || !c) return std::nullopt;
  after = i + 5;
  if (t[i].norm.size() == 4) return Ymd{*a, *b, *c};  // 2024-03-14
  const std::size_t year_digits = t[i + 4].norm.size();
  if (year_digits != 2 && year_digits != 4) return std::nullopt;
  return Ymd{ExpandYear(*c, year_digits), *a, *b};  // US order: month/day/year
}

// "March 14, 2024", "Mar. 14 2024", "14 March 2024".
std::optional<Ymd> NamedMonthDate(const std::vector<Token>& t, std::uint32_t i, std::uint32_t end,
                                  std::uint32_t& after) {
  auto at = [&](std::uint32_t k) -> const Token* { return k < end ? &t[k] : nullptr; };
  if (const int month = MonthNumber(t[i].norm)) {
    std::uint32_t k = i + 1;
    if (at(k) && at(k)->norm == ".") ++k;
    const auto day = at(k) ? DayNumber(*at(k)) : std::nullopt;
    if (!day) return std::nullopt;
    ++k;
    if (at(k) && at(k)->norm == ",") ++k;
    const auto year = at(k) ? Year4(*at(k)) : std::nullopt;
    if (!year) return std::nullopt;
    after = k + 1;
    return Ymd{*year, month, *day};
  }
  const auto day = DayNumber(t[i]);
  if (!day || !at(i + 2)) return std::nullopt;
  const int month = MonthNumber(t[i + 1].norm);
  const auto year = Year4(t[i + 2]);
  if (month == 0 || !year) return std::nullopt;
  after = i + 3;
  return Ymd{*year, month, *day};
}

std::string KindBefore(const Document& doc, std::uint32_t i, std::uint32_t sentence_begin) {
  const auto& t = doc.tokens;
  const std::uint32_t stop =
      i > sentence_begin + kKeywordLookBack ? i - kKeywordLookBack : sentence_begin;
  for (std::uint32_t k = i; k > stop; --k) {
    const std::string_view n = t[k - 1].norm;
    if (n == "admission" || n == "admitted" || n == "admit" || n == "adm") return "admission";
    if (n == "discharge" || n == "discharged") return "discharge";
    if (n == "dos" || n == "service") return "date_of_service";
    if (n == "visit" || n == "seen" || n == "encounter" || n == "appointment" || n == "appt") {
      return "visit";
    }
  }
  return "other";
}

}  // namespace

void ExtractDates(const Document& doc, Basics& out) {
  const auto& t = doc.tokens;
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const std::uint32_t begin = doc.sentence_token_begin[s];
    const std::uint32_t end = doc.sentence_token_end[s];
    for (std::uint32_t i = begin; i < end; ++i) {
      // Dates start at a number, a digit ("5th Jan 2023") or a month name: one branch, mostly
      // not taken, rejects every other token before the tests below.
      const Token& tok = t[i];
      const auto first = static_cast<unsigned char>(tok.norm.c_str()[0]);
      if (!((tok.kind == TokenKind::kNumber) | (static_cast<unsigned char>(first - '0') < 10) |
            MayBeMonth(tok.norm))) {
        continue;
      }
      std::uint32_t after = i;
      std::optional<Ymd> date;
      if (t[i].kind == TokenKind::kNumber && i + 4 < end) date = NumericDate(t, i, end, after);
      if (!date) date = NamedMonthDate(t, i, end, after);
      if (!date || !Valid(*date)) continue;
      char iso[16];
      std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", date->year, date->month, date->day);
      out.dates.push_back(
          DatedEvent{KindBefore(doc, i, begin), iso, Span{t[i].span.begin, t[after - 1].span.end}});
      i = after - 1;
    }
  }
}

}  // namespace notecoder::nlp::basics_internal
