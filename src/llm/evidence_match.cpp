#include "llm/evidence_match.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace notecoder::llm {
namespace {

bool Space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool Alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool Alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Lower case, whitespace runs as one space, trimmed, quote marks and ellipses around removed.
std::string Normalize(std::string_view q) {
  const auto strip = [&q] {
    bool again = true;
    while (again && !q.empty()) {
      again = false;
      for (std::string_view edge : {"\"", "'", "...", "\xE2\x80\xA6", "`"}) {
        if (q.substr(0, edge.size()) == edge) {
          q.remove_prefix(edge.size());
          again = true;
        }
        if (q.size() >= edge.size() && q.substr(q.size() - edge.size()) == edge) {
          q.remove_suffix(edge.size());
          again = true;
        }
      }
      while (!q.empty() && Space(q.front())) q.remove_prefix(1), again = true;
      while (!q.empty() && Space(q.back())) q.remove_suffix(1), again = true;
    }
  };
  strip();
  std::string out;
  out.reserve(q.size());
  for (const char c : q) {
    if (Space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(Lower(c));
    }
  }
  return out;
}

// Ours: words that say nothing about which condition a title is ("other", "unspecified"), and
// instruction words an injected note would use.
bool Filler(std::string_view w) {
  static constexpr std::array<std::string_view, 28> kWords = {
      "with",    "without", "other",     "unspecified", "specified", "type",         "than",
      "from",    "into",    "elsewhere", "classified",  "condition", "disorder",     "disease",
      "code",    "codes",   "output",    "ignore",      "previous",  "instructions", "instruction",
      "patient", "history", "unknown",   "following",   "encounter", "initial",      "subsequent"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

std::vector<std::string> Stems(std::string_view text) {
  std::vector<std::string> stems;
  std::string word;
  const auto flush = [&] {
    if (word.size() >= 4 && !Filler(word)) stems.push_back(word.substr(0, 6));
    word.clear();
  };
  for (const char c : text) {
    if (Alpha(c)) {
      word.push_back(Lower(c));
    } else {
      flush();
    }
  }
  flush();
  return stems;
}

bool CodeShaped(std::string_view t) {
  if (t.size() < 4 || t.size() > 8 || !Alpha(t[0]) ||
      std::isdigit(static_cast<unsigned char>(t[1])) == 0 || !Alnum(t[2])) {
    return false;
  }
  for (std::size_t i = 3; i < t.size(); ++i) {
    if (!Alnum(t[i]) && !(t[i] == '.' && i == 3)) return false;
  }
  return t.size() > 4 || t[3] != '.';
}

}  // namespace

std::optional<Span> FindQuote(std::string_view note, std::string_view quote) {
  if (quote.size() > kMaxQuoteBytes) return std::nullopt;
  const std::string q = Normalize(quote);
  if (q.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < note.size(); ++i) {
    if (Lower(note[i]) != q[0]) continue;
    std::size_t j = i;
    std::size_t k = 0;
    while (k < q.size() && j < note.size()) {
      if (q[k] == ' ') {
        if (!Space(note[j])) break;
        while (j < note.size() && Space(note[j])) ++j;
        ++k;
      } else if (Lower(note[j]) == q[k]) {
        ++j;
        ++k;
      } else {
        break;
      }
    }
    if (k == q.size()) return Span{i, j};
  }
  return std::nullopt;
}

bool ContainsCodeToken(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !Alnum(text[i])) ++i;
    std::size_t j = i;
    while (j < text.size() && (Alnum(text[j]) || text[j] == '.')) ++j;
    std::string_view token = text.substr(i, j - i);
    while (!token.empty() && token.back() == '.') token.remove_suffix(1);
    if (CodeShaped(token)) return true;
    i = j;
  }
  return false;
}

bool QuoteNamesTitle(std::string_view quote, std::string_view title) {
  const auto q = Stems(quote);
  const auto t = Stems(title);
  for (const auto& a : q) {
    for (const auto& b : t) {
      if (a == b) return true;
    }
  }
  return false;
}

}  // namespace notecoder::llm
