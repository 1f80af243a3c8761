#include "nlp/tokenizer.hpp"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "nlp/normalize.hpp"
#include "nlp/text_scan.hpp"
#include "nlp/utf8.hpp"

namespace notecoder::nlp {
namespace {

// ASCII classes by byte, so the common case is one load.
constexpr std::array<CharClass, 128> kAsciiClass = [] {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    const char ch = static_cast<char>(c);
    t[c] = (scan::IsSpace(ch) || scan::IsLineBreak(ch)) ? CharClass::kSpace
           : scan::IsAlpha(ch)                          ? CharClass::kLetter
           : scan::IsDigit(ch)                          ? CharClass::kDigit
                                                        : CharClass::kPunct;
  }
  return t;
}();

inline CharClass ClassAt(std::string_view text, std::size_t pos, std::uint32_t& len) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    len = 1;
    return kAsciiClass[c];
  }
  const Decoded d = DecodeAt(text, pos);
  len = d.len;
  return ClassifyCodepoint(d.cp);
}

bool IsApostropheAt(std::string_view text, std::size_t pos, std::size_t end, std::uint32_t& len) {
  if (text[pos] == '\'') {
    len = 1;
    return true;
  }
  // U+2019 RIGHT SINGLE QUOTATION MARK, the usual typographic apostrophe.
  if (pos + 3 <= end && text.compare(pos, 3, "\xE2\x80\x99") == 0) {
    len = 3;
    return true;
  }
  return false;
}

bool LetterAt(std::string_view text, std::size_t pos, std::size_t end) {
  if (pos >= end) return false;
  std::uint32_t len = 0;
  return ClassAt(text, pos, len) == CharClass::kLetter;
}

// End of the word starting at `pos` (letters, digits, inner apostrophes).
std::size_t ScanWord(std::string_view text, std::size_t pos, std::size_t end) {
  for (;;) {
    // Runs of ASCII letters and digits are the bulk of any note.
    pos = scan::AlnumRunEnd(text, pos, end);
    if (pos >= end) break;
    // Nearly every word ends at an ASCII byte that is not an apostrophe: one test for that, so
    // the rarer cases below cost nothing to the common one.
    const auto c = static_cast<unsigned char>(text[pos]);
    if ((c < 0x80) & (c != '\'')) break;
    std::uint32_t len = 0;
    const CharClass cls = ClassAt(text, pos, len);
    if (cls == CharClass::kLetter || cls == CharClass::kDigit) {
      pos += len;
      continue;
    }
    std::uint32_t apos_len = 0;
    if (cls == CharClass::kPunct && IsApostropheAt(text, pos, end, apos_len) &&
        LetterAt(text, pos + apos_len, end) && pos > 0 && scan::IsAlpha(text[pos - 1])) {
      pos += apos_len;
      continue;
    }
    break;
  }
  return pos;
}

// End of the number starting at `pos`; sets `is_word` when letters follow an integer.
std::size_t ScanNumber(std::string_view text, std::size_t pos, std::size_t end, bool& is_word) {
  is_word = false;
  while (pos < end && scan::IsDigit(text[pos])) ++pos;
  bool has_fraction = false;
  while (pos + 1 < end) {
    if (text[pos] == '.' && !has_fraction && scan::IsDigit(text[pos + 1])) {
      has_fraction = true;
      pos += 1;
      while (pos < end && scan::IsDigit(text[pos])) ++pos;
      continue;
    }
    // A thousands group: ",ddd" not followed by another digit.
    if (text[pos] == ',' && !has_fraction && pos + 3 < end && scan::IsDigit(text[pos + 1]) &&
        scan::IsDigit(text[pos + 2]) && scan::IsDigit(text[pos + 3]) &&
        (pos + 4 >= end || !scan::IsDigit(text[pos + 4]))) {
      pos += 4;
      continue;
    }
    break;
  }
  if (!has_fraction && LetterAt(text, pos, end)) {
    is_word = true;
    return ScanWord(text, pos, end);
  }
  return pos;
}

template <class Emit>
void Scan(std::string_view text, std::size_t begin, std::size_t end, Emit&& emit) {
  std::size_t i = begin;
  while (i < end) {
    // One plain space follows most tokens: stepped over without a branch of its own, so the
    // class dispatch below runs once per token rather than once per token and once per space.
    i += static_cast<std::size_t>(text[i] == ' ');
    if (i >= end) break;
    std::uint32_t len = 0;
    const CharClass cls = ClassAt(text, i, len);
    switch (cls) {
      case CharClass::kSpace:
        i += len;
        break;
      case CharClass::kLetter: {
        const std::size_t stop = ScanWord(text, i, end);
        emit(i, stop, TokenKind::kWord);
        i = stop;
        break;
      }
      case CharClass::kDigit: {
        bool is_word = false;
        const std::size_t stop = ScanNumber(text, i, end, is_word);
        emit(i, stop, is_word ? TokenKind::kWord : TokenKind::kNumber);
        i = stop;
        break;
      }
      case CharClass::kPunct:
        emit(i, i + len, TokenKind::kPunct);
        i += len;
        break;
    }
  }
}

// Appends the norm of text[b, e) when the token is ASCII and at most sixteen bytes that can be
// read at once (the bulk of a note), lowered in one SSE2 step; otherwise returns false and
// appends nothing. Equal to AppendNorm on those tokens, without its branches on the length
// class, which the predictor could not learn across notes.
bool AppendShortAsciiNorm(std::string_view text, std::size_t b, std::size_t e, std::string& out) {
#if defined(__SSE2__)
  const std::size_t n = e - b;
  if (n > 16 || b + 16 > text.size()) return false;
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + b));
  const unsigned in_token = (1u << n) - 1;
  if ((static_cast<unsigned>(_mm_movemask_epi8(v)) & in_token) != 0) return false;
  const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
  char lowered[16];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered),
                   _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8('a' - 'A'))));
  // A copy of one fixed length, then cut to size: memcpy's own branches on the length were as
  // hard to predict as the length itself.
  if (n < 16) {
    const std::size_t size = out.size();
    out.append(lowered, 15);
    out.resize(size + n);
  } else {
    out.append(lowered, n);
  }
  return true;
#else
  (void)text, (void)b, (void)e, (void)out;
  return false;
#endif
}

}  // namespace

void TokenizeRange(std::string_view text, Span range, std::uint32_t sentence,
                   std::vector<Token>& out) {
  Scan(text, range.begin, range.end, [&](std::size_t b, std::size_t e, TokenKind kind) {
    Token& t = out.emplace_back();
    t.span = Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
    t.kind = kind;
    t.sentence = sentence;
    if (!AppendShortAsciiNorm(text, b, e, t.norm)) AppendNorm(text.substr(b, e - b), t.norm);
  });
}

std::vector<std::string> TokenizeNorms(std::string_view text) {
  std::vector<std::string> norms;
  // Drop invalid bytes up front so that the scanner's UTF-8 precondition holds.
  std::string clean;
  std::string_view valid = text;
  if (FindInvalidUtf8(text)) {
    for (std::size_t i = 0; i < text.size();) {
      const auto bad = FindInvalidUtf8(text.substr(i));
      const std::size_t stop = bad ? i + *bad : text.size();
      clean.append(text.substr(i, stop - i));
      i = bad ? stop + 1 : stop;
    }
    valid = clean;
  }
  Scan(valid, 0, valid.size(), [&](std::size_t b, std::size_t e, TokenKind) {
    AppendNorm(valid.substr(b, e - b), norms.emplace_back());
  });
  return norms;
}

}  // namespace notecoder::nlp
