#include "nlp/normalize.hpp"

#include <algorithm>
#include <array>

#include "nlp/utf8.hpp"

namespace notecoder::nlp {
namespace {

// Singular words ending in "s" that the suffix rules below would otherwise damage. Sorted for
// binary search.
constexpr std::array<std::string_view, 30> kKeepAsIs = {
    "aids",     "ascites",  "biceps", "caries",     "diabetes", "faeces",  "feces",   "forceps",
    "gas",      "glans",    "herpes", "lens",       "measles",  "menses",  "mumps",   "nares",
    "news",     "pancreas", "pons",   "quadriceps", "rabies",   "rickets", "scabies", "series",
    "shingles", "species",  "testes", "triceps",    "various",  "yes",
};

static_assert(std::is_sorted(kKeepAsIs.begin(), kKeepAsIs.end()));

struct Irregular {
  std::string_view plural;
  std::string_view singular;
};
constexpr std::array<Irregular, 7> kIrregular = {{
    {"children", "child"},
    {"feet", "foot"},
    {"men", "man"},
    {"mice", "mouse"},
    {"teeth", "tooth"},
    {"women", "woman"},
    {"lice", "louse"},
}};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

void AppendNorm(std::string_view word, std::string& out) {
  // Most words are short and ASCII: lower-cased into a stack buffer in one branch-free pass that
  // also notes any non-ASCII byte, then appended at once (resizing the string first cost more
  // than the lowering).
  char lowered[64];
  if (word.size() <= sizeof lowered) {
    unsigned high = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
      const auto c = static_cast<unsigned char>(word[i]);
      high |= c;
      lowered[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
    }
    if ((high & 0x80) == 0) {
      out.append(lowered, word.size());
      return;
    }
  }
  for (std::size_t i = 0; i < word.size();) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
      ++i;
      continue;
    }
    const Decoded d = DecodeAt(word, i);
    AppendFoldedLower(d.cp, out);
    i += d.len;
  }
}

std::string_view LightStem(std::string_view word, std::string& buf) {
  if (EndsWith(word, "'s") && word.size() > 3) word.remove_suffix(2);  // possessive
  for (const auto& irregular : kIrregular) {
    if (word == irregular.plural) return irregular.singular;
  }
  if (word.size() <= 3) return word;
  if (word.back() == 'e' && EndsWith(word, "ae") && word.size() > 4) {
    return word.substr(0, word.size() - 1);  // vertebrae → vertebra
  }
  if (word.back() != 's') return word;
  if (std::binary_search(kKeepAsIs.begin(), kKeepAsIs.end(), word)) return word;
  // Singular Greek/Latin endings: analysis, virus, abscess, pancreas-like words.
  if (EndsWith(word, "ss") || EndsWith(word, "us") || EndsWith(word, "is") ||
      EndsWith(word, "os") || EndsWith(word, "as")) {
    return word;
  }
  if (EndsWith(word, "oses") && word.size() >= 7 && !EndsWith(word, "doses") &&
      !EndsWith(word, "closes")) {  // diagnoses → diagnosis, stenoses → stenosis
    buf.assign(word.substr(0, word.size() - 2));
    buf += "is";
    return buf;
  }
  if (EndsWith(word, "ies") && word.size() > 4) {  // arteries → artery
    buf.assign(word.substr(0, word.size() - 3));
    buf += 'y';
    return buf;
  }
  // Sibilant stems take "-es": abscesses, rashes, reflexes, stitches, branches, viruses,
  // sinuses. "headaches", "causes" and "sizes" only take "-s".
  if (EndsWith(word, "sses") || EndsWith(word, "shes") || EndsWith(word, "tches") ||
      EndsWith(word, "nches") || EndsWith(word, "xes") || EndsWith(word, "nuses") ||
      EndsWith(word, "ruses") || EndsWith(word, "tuses")) {
    return word.substr(0, word.size() - 2);
  }
  return word.substr(0, word.size() - 1);  // ulcers, fractures, kidneys
}

}  // namespace notecoder::nlp
