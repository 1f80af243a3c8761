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
  void Add(const std::vector<WordId>& words, codes::CodeId code);
  void AddWords(const std::vector<std::string>& keys, codes::CodeId code);

  const TermIndex& index_;
  HashTable phrases_;         // hash of content words → code
  std::vector<bool> starts_;  // by WordId: some phrase begins with it
};

}  // namespace notecoder::rules
