#include "codes/text_util.hpp"

#include <array>
#include <cctype>
#include <cstdint>

namespace notecoder::codes {
namespace {

// ASCII spellings of U+00C0..U+00FF, in code point order.
constexpr std::array<const char*, 64> kLatin1 = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
    "D", "N", "O", "O", "O", "O", "O",  "x", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "/", "o", "u", "u", "u", "u", "y", "th", "y"};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string AsciiFold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    std::size_t len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
    if (i + len > utf8.size()) break;  // a truncated sequence at the end: drop it
    std::uint32_t cp = 0;
    if (len == 2) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
    } else if (len == 3) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
      out += kLatin1[cp - 0xC0];
    } else if (cp == 0x2018 || cp == 0x2019) {
      out.push_back('\'');
    } else if (cp == 0x201C || cp == 0x201D) {
      out.push_back('"');
    } else if (cp == 0x2013 || cp == 0x2014) {
      out.push_back('-');
    } else if (cp == 0xA0) {
      out.push_back(' ');
    }
    i += len;
  }
  return out;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  const std::string folded = AsciiFold(text);
  std::vector<std::string> words;
  std::string word;
  for (char c : folded) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string StemWord(std::string_view word) {
  const auto ends_with = [&](std::string_view s) {
    return word.size() > s.size() && word.substr(word.size() - s.size()) == s;
  };
  if (word.size() > 4 && ends_with("ies"))
    return std::string(word.substr(0, word.size() - 3)) + "y";
  if (word.size() > 3 && ends_with("s") && !ends_with("ss") && !ends_with("us") &&
      !ends_with("is")) {
    return std::string(word.substr(0, word.size() - 1));
  }
  return std::string(word);
}

bool IsStopWord(std::string_view word) {
  static constexpr std::array<std::string_view, 14> kStop = {
      "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"};
  for (std::string_view s : kStop) {
    if (s == word) return true;
  }
  return false;
}

}  // namespace notecoder::codes
