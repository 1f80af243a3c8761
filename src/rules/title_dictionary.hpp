#pragma once
// Tabular titles and inclusion terms as phrases: notes copied from problem lists often carry the
// official wording ("Malignant neoplasm of upper-outer quadrant of left female breast"), which
// the Alphabetic Index alone would reach only through tables we do not have.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "codes/codebook.hpp"
#include "rules/concept_stream.hpp"
#include "rules/hash_table.hpp"
#include "rules/term_index.hpp"

namespace notecoder::rules {

struct TitleMatch {
  std::uint32_t first = 0;  // concept positions [first, last) covered, fillers included
  std::uint32_t last = 0;
  std::uint32_t words = 0;  // content words matched
  codes::CodeId code = codes::kNone;
};

class TitleDictionary {
 public:
  TitleDictionary(const TermIndex& index);
  // Longest title phrases in tokens [begin, end), left to right, not overlapping.
  void Match(const std::vector<ConceptToken>& tokens, std::uint32_t begin, std::uint32_t end,
             std::vector<TitleMatch>& out) const;

 private:
  static constexpr std::size_t kMinWords = 3;
  static constexpr std::size_t kMaxWords = 14;
  // A phrase entry's value: the code of the phrase (kNoCode when the words are only the start
  // of longer phrases) and kLonger when some longer phrase starts with them. A probe run stops
  // at the first prefix no phrase has, instead of trying every length up to kMaxWords: each
  // probe is a likely cache miss in a table of several megabytes.
  static constexpr std::uint32_t kLonger = 0x80000000u;
  static constexpr std::uint32_t kNoCode = 0x7FFFFFFEu;  // kNoCode | kLonger != kMissing
  void Add(const std::vector<WordId>& words, codes::CodeId code);
  void AddWords(const std::vector<std::string>& keys, codes::CodeId code);

  const TermIndex& index_;
  HashTable phrases_;         // hash of the first n content words and n → code | kLonger
  std::vector<bool> starts_;  // by WordId: some phrase begins with it
  // One bit per two-word start of a phrase (a hash of it): 128 KB that stay in cache, where the
  // table's probe for the same words would usually miss. Most word pairs of a note start no
  // phrase, and the filter answers for them.
  static constexpr unsigned kPairFilterBits = 20;
  std::vector<std::uint64_t> pair_filter_;
  static std::size_t PairBit(std::uint64_t key) {
    return static_cast<std::size_t>(key >> (64 - kPairFilterBits));
  }
  bool MayStartPair(std::uint64_t key) const {
    const std::size_t b = PairBit(key);
    return (pair_filter_[b / 64] >> (b % 64)) & 1;
  }
};

}  // namespace notecoder::rules
