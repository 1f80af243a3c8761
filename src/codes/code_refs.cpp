#include "codes/code_refs.hpp"

#include <cctype>

#include "codes/codebook.hpp"

namespace notecoder::codes {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// One side of a reference: "E08.-", "O24.4-", "P70.2", "K86". Sets `open` when it ends in '-'.
std::optional<std::string> ParseRefCode(std::string_view s, bool* open) {
  *open = false;
  if (!s.empty() && s.back() == '-') {
    *open = true;
    s.remove_suffix(1);
  }
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.size() < 3 || !std::isupper(static_cast<unsigned char>(s[0])) ||
      !std::isdigit(static_cast<unsigned char>(s[1]))) {
    return std::nullopt;
  }
  // The tabular always writes the dot in references longer than a category; without it the
  // text is a word that looks like a code ("G6PD").
  if (s.size() > 3 && s[3] != '.') return std::nullopt;
  return UndotCode(s);
}

std::optional<CodeRef> ParseRefItem(std::string_view item) {
  item = Trim(item);
  if (item.empty()) return std::nullopt;
  // A range's separator is a '-' followed by a letter; a trailing '-' means "and below".
  std::size_t dash = std::string_view::npos;
  for (std::size_t i = 1; i + 1 < item.size(); ++i) {
    if (item[i] != '-') continue;
    const std::string_view rest = Trim(item.substr(i + 1));
    if (!rest.empty() && std::isupper(static_cast<unsigned char>(rest[0]))) {
      dash = i;
      break;
    }
  }
  bool open_lo = false;
  if (dash == std::string_view::npos) {
    auto code = ParseRefCode(item, &open_lo);
    if (!code) return std::nullopt;
    return CodeRef{open_lo ? CodeRef::Kind::kPrefix : CodeRef::Kind::kExact, *code, *code};
  }
  bool open_hi = false;
  auto lo = ParseRefCode(Trim(item.substr(0, dash)), &open_lo);
  auto hi = ParseRefCode(Trim(item.substr(dash + 1)), &open_hi);
  if (!lo || !hi || *hi < *lo) return std::nullopt;
  return CodeRef{CodeRef::Kind::kRange, *lo, *hi};
}

}  // namespace

std::optional<std::string> UndotCode(std::string_view text) {
  text = Trim(text);
  std::string out;
  bool seen_dot = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_dot || out.size() != 3) return std::nullopt;
      seen_dot = true;
      continue;
    }
    if (!IsAlnum(c)) return std::nullopt;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (out.size() < 3 || out.size() > 7 || !std::isalpha(static_cast<unsigned char>(out[0]))) {
    return std::nullopt;
  }
  return out;
}

std::string DotCode(std::string_view undotted) {
  if (undotted.size() <= 3) return std::string(undotted);
  std::string out(undotted.substr(0, 3));
  out.push_back('.');
  out.append(undotted.substr(3));
  return out;
}

std::optional<std::string> NormalizeCode(std::string_view text) {
  auto undotted = UndotCode(text);
  if (!undotted) return std::nullopt;
  return DotCode(*undotted);
}

std::vector<CodeRef> ParseCodeRefs(std::string_view text) {
  std::vector<CodeRef> refs;
  std::size_t pos = 0;
  while ((pos = text.find('(', pos)) != std::string_view::npos) {
    const std::size_t close = text.find(')', pos + 1);
    if (close == std::string_view::npos) break;
    std::string_view group = text.substr(pos + 1, close - pos - 1);
    pos = close + 1;
    while (!group.empty()) {
      const std::size_t sep = group.find_first_of(",;");
      auto ref = ParseRefItem(group.substr(0, sep));
      if (ref) refs.push_back(std::move(*ref));
      if (sep == std::string_view::npos) break;
      group.remove_prefix(sep + 1);
    }
  }
  return refs;
}

bool RefCovers(std::string_view lo, std::string_view hi, std::string_view code) {
  // Compare the code's leading characters at each bound's own length: "I10-I16" covers I13.0,
  // and "N18.1-N18.6" covers N18.30.
  // Most references name another chapter: the first letters reject them without a compare.
  if (!code.empty() && !lo.empty() && !hi.empty() &&
      (code.front() < lo.front() || code.front() > hi.front())) {
    return false;
  }
  return code.substr(0, lo.size()) >= lo && code.substr(0, hi.size()) <= hi;
}

}  // namespace notecoder::codes
