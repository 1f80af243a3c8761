#include "nlp/normalize.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "infra/same_bytes.hpp"
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

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

// Eight ASCII bytes lower-cased at once: a byte gets 0x20 added when it is in 'A'..'Z'. Bytes
// with the high bit set come out as garbage; the caller checks for them first or after.
constexpr std::uint64_t LowerAsciiWord(std::uint64_t v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  const std::uint64_t low7 = v & ~kHighBits;
  const std::uint64_t at_least_a = low7 + kOnes * (0x80 - 'A');    // high bit: byte ≥ 'A'
  const std::uint64_t beyond_z = low7 + kOnes * (0x80 - 'Z' - 1);  // high bit: byte > 'Z'
  const std::uint64_t upper = at_least_a & ~beyond_z & ~v & kHighBits;
  return v | (upper >> 2);  // 0x80 >> 2 == 0x20
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

void AppendNorm(std::string_view word, std::string& out) {
  // Most words are short and ASCII: lower-cased eight bytes at a time into a stack buffer (the
  // last block overlapping the one before), then appended at once. A non-ASCII byte anywhere
  // sends the word to the folding loop below.
  char lowered[64];
  const std::size_t n = word.size();
  if (n >= 8 && n <= sizeof lowered) {
    std::uint64_t high = 0;
    for (std::size_t i = 0;; i += 8) {
      const std::size_t at = i + 8 <= n ? i : n - 8;
      const std::uint64_t v = infra::LoadBytes8(word.data() + at);
      high |= v;
      const std::uint64_t w = LowerAsciiWord(v);
      std::memcpy(lowered + at, &w, sizeof w);
      if (at + 8 >= n) break;
    }
    if ((high & kHighBits) == 0) {
      out.append(lowered, n);
      return;
    }
  } else if (n >= 4 && n < 8) {
    // Two overlapping four-byte blocks, lowered as one word.
    const std::uint64_t v = std::uint64_t{infra::LoadBytes4(word.data())} |
                            std::uint64_t{infra::LoadBytes4(word.data() + n - 4)} << 32;
    if ((v & kHighBits) == 0) {
      const std::uint64_t w = LowerAsciiWord(v);
      const auto first = static_cast<std::uint32_t>(w);
      const auto last = static_cast<std::uint32_t>(w >> 32);
      std::memcpy(lowered, &first, sizeof first);
      std::memcpy(lowered + n - 4, &last, sizeof last);
      out.append(lowered, n);
      return;
    }
  } else if (n < 4) {
    unsigned high = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(word[i]);
      high |= c;
      lowered[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
    }
    if ((high & 0x80) == 0) {
      out.append(lowered, n);
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
