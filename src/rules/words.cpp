#include "rules/words.hpp"

#include "codes/codebook.hpp"
#include "infra/same_bytes.hpp"
#include "nlp/word_list.hpp"

#include <array>
#include <cstdint>

namespace notecoder::rules {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char Lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
}

}  // namespace

std::string_view WordKeyView(std::string_view k, bool acronym, std::deque<std::string>& storage) {
  if (acronym) return k;
  // Organ adjectives meet their nouns: notes say "esophageal varices", the index "esophagus".
  static constexpr std::pair<std::string_view, std::string_view> kOrgan[] = {
      {"esophageal", "esophagus"},    {"femoral", "femur"},    {"vertebral", "vertebra"},
      {"colonic", "colon"},           {"rectal", "rectum"},    {"duodenal", "duodenum"},
      {"uterine", "uterus"},          {"ovarian", "ovary"},    {"pancreatic", "pancreas"},
      {"gastric", "stomach"},         {"tibial", "tibia"},     {"humeral", "humerus"},
      {"radial", "radius"},           {"ulnar", "ulna"},       {"thyroidal", "thyroid"},
      {"prostatic", "prostate"},      {"hepatic", "liver"},    {"hypoxic", "hypoxia"},
      {"hypercapnic", "hypercapnia"}, {"hypoxemic", "hypoxia"}};
  // Only words with an adjective's first letter and length are compared with the table: the
  // last letters alone ("-al", "-ic") let most note words through to twenty compares.
  static constexpr auto kAdjectives = [] {
    std::array<std::string_view, std::size(kOrgan)> words{};
    for (std::size_t i = 0; i < words.size(); ++i) words[i] = kOrgan[i].first;
    return nlp::WordList<std::size(kOrgan)>(words);
  }();
  if (kAdjectives.Contains(k)) {
    for (const auto& [adjective, noun] : kOrgan) {
      if (infra::SameWord(k, adjective)) return noun;
    }
  }
  if (k.size() > 2 && k[k.size() - 2] == '\'' && k.back() == 's') k.remove_suffix(2);
  if (!k.empty() && k.back() == '\'') k.remove_suffix(1);
  if (k.empty() || k.back() != 's') return k;
  const auto ends = [&](std::string_view suffix) {
    return k.size() > suffix.size() && k.substr(k.size() - suffix.size()) == suffix;
  };
  if (k.size() > 4 && ends("ies")) {
    std::string& built = storage.emplace_back(k.substr(0, k.size() - 3));
    built += 'y';
    return built;
  }
  if (ends("sses")) return k.substr(0, k.size() - 2);
  if (k.size() > 3 && !ends("ss") && !ends("us") && !ends("is") && !ends("ous")) {
    return k.substr(0, k.size() - 1);
  }
  return k;
}

std::string WordKey(std::string_view w, bool acronym) {
  std::deque<std::string> storage;
  return std::string(WordKeyView(w, acronym, storage));
}

std::vector<std::string> TitleKeys(std::string_view text) {
  // Diacritics are folded by the codebook's own folding ("Sézary" → "Sezary"), case kept so
  // that acronyms can be told apart.
  const std::string folded = codes::AsciiFold(text);
  std::vector<std::string> keys;
  std::string cur;
  bool upper = true;
  const auto flush = [&] {
    if (!cur.empty()) keys.push_back(WordKey(cur, upper && cur.size() > 1));
    cur.clear();
    upper = true;
  };
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if (IsAsciiAlnum(c)) {
      if (c >= 'a' && c <= 'z') upper = false;
      cur += Lower(c);
    } else if (c == '\'' && !cur.empty() && i + 1 < folded.size() && folded[i + 1] == 's') {
      ++i;  // possessive: drop "'s" entirely ("Charcot's" -> "charcot")
    } else {
      flush();
    }
  }
  flush();
  return keys;
}

bool IsFillerKey(std::string_view key) {
  static constexpr std::array<std::string_view, 22> kFiller{
      "with", "without",   "of",          "in",    "the", "a",  "an",  "and",
      "or",   "to",        "due",         "by",    "for", "on", "nec", "no",
      "nos",  "specified", "unspecified", "other", "as",  "at"};
  for (auto f : kFiller) {
    if (f == key) return true;
  }
  return false;
}

}  // namespace notecoder::rules
