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
  using Building = std::unordered_map<std::uint64_t, std::uint32_t>;
  void Add(const std::vector<WordId>& words, codes::CodeId code, Building& building);
  void AddWords(const std::vector<std::string>& keys, codes::CodeId code, Building& building);

  const TermIndex& index_;
  HashTable phrases_;         // hash of the first n content words and n → code | kLonger
  std::vector<bool> starts_;  // by WordId: some phrase begins with it
};

}  // namespace notecoder::rules
