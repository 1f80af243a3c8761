#include "ml/python_text.hpp"

#include <algorithm>
#include <cstdint>
#include <span>

#include "ml/unicode_tables.hpp"

namespace notecoder::ml {
namespace {

bool InRanges(std::span<const unicode::CodeRange> ranges, char32_t cp) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](char32_t c, const unicode::CodeRange& r) { return c < r.first; });
  return it != ranges.begin() && cp <= std::prev(it)->last;
}

bool IsCased(char32_t cp) { return InRanges(unicode::Get().cased, cp); }
bool IsCaseIgnorable(char32_t cp) { return InRanges(unicode::Get().case_ignorable, cp); }

constexpr char32_t kCapitalSigma = 0x3A3;
constexpr char32_t kSmallSigma = 0x3C3;
constexpr char32_t kFinalSigma = 0x3C2;

// CPython's handle_capital_sigma: Σ is final when a cased letter precedes it and none follows,
// case-ignorable characters skipped on both sides.
char32_t LowerSigma(std::u32string_view text, std::size_t i) {
  std::size_t j = i;
  while (j > 0 && IsCaseIgnorable(text[j - 1])) --j;
  if (j == 0 || !IsCased(text[j - 1])) return kSmallSigma;
  std::size_t k = i + 1;
  while (k < text.size() && IsCaseIgnorable(text[k])) ++k;
  return k == text.size() || !IsCased(text[k]) ? kFinalSigma : kSmallSigma;
}

void LowerOne(char32_t cp, std::u32string& out) {
  const auto& tables = unicode::Get();
  auto multi = std::lower_bound(tables.lower_multi.begin(), tables.lower_multi.end(), cp,
                                [](const unicode::LowerMulti& m, char32_t c) { return m.cp < c; });
  if (multi != tables.lower_multi.end() && multi->cp == cp) {
    out.append(multi->to, multi->size);
    return;
  }
  auto run = std::upper_bound(tables.lower_runs.begin(), tables.lower_runs.end(), cp,
                              [](char32_t c, const unicode::LowerRun& r) { return c < r.first; });
  if (run != tables.lower_runs.begin()) {
    --run;
    if (cp <= run->last && (cp - run->first) % static_cast<char32_t>(run->stride) == 0) {
      out.push_back(static_cast<char32_t>(static_cast<std::int32_t>(cp) + run->delta));
      return;
    }
  }
  out.push_back(cp);
}

// Length of the valid prefix of a multi-byte sequence starting at s[0] (a lead byte >= 0xC2),
// and whether it is complete; the ranges are those of the Unicode Standard's Table 3-7.
struct SeqCheck {
  std::size_t length;
  bool complete;
};
SeqCheck CheckSequence(const unsigned char* s, std::size_t avail) {
  unsigned char b0 = s[0];
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 <= 0xDF) {
    need = 2;
  } else if (b0 <= 0xEF) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  }
  std::size_t i = 1;
  for (; i < need && i < avail; ++i) {
    unsigned char b = s[i];
    unsigned char l = i == 1 ? lo : 0x80;
    unsigned char h = i == 1 ? hi : 0xBF;
    if (b < l || b > h) return {i, false};
  }
  return {i, i == need};
}

}  // namespace

void DecodeUtf8(std::string_view utf8, std::u32string& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char b0 = s[i];
    if (b0 < 0x80) {
      out.push_back(b0);
      ++i;
      continue;
    }
    if (b0 < 0xC2 || b0 > 0xF4) {  // stray continuation, overlong lead or beyond U+10FFFF
      out.push_back(kReplacementChar);
      ++i;
      continue;
    }
    SeqCheck seq = CheckSequence(s + i, n - i);
    if (!seq.complete) {
      out.push_back(kReplacementChar);
      i += seq.length;
      continue;
    }
    char32_t cp;
    if (seq.length == 2) {
      cp = (b0 & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu);
    } else if (seq.length == 3) {
      cp = (b0 & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
    } else {
      cp = (b0 & 0x07u) << 18 | (s[i + 1] & 0x3Fu) << 12 | (s[i + 2] & 0x3Fu) << 6 |
           (s[i + 3] & 0x3Fu);
    }
    out.push_back(cp);
    i += seq.length;
  }
}

void PythonLower(std::u32string_view text, std::u32string& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t cp = text[i];
    if (cp < 128) {
      out.push_back(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    } else if (cp == kCapitalSigma) {
      out.push_back(LowerSigma(text, i));
    } else {
      LowerOne(cp, out);
    }
  }
}

namespace detail {
bool IsWordCharSlow(char32_t cp) { return InRanges(unicode::Get().word, cp); }
bool IsSpaceCharSlow(char32_t cp) { return InRanges(unicode::Get().space, cp); }
}  // namespace detail

}  // namespace notecoder::ml
