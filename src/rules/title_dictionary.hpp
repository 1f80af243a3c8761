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

  // Bit filters of phrase starts (hashes of a phrase's first n words and n, for n shorter than
  // the phrase): a probe run goes on to n + 1 words only while some phrase may start with the
  // n words, instead of trying every length up to kMaxWords in a table of several megabytes
  // where each probe is a likely cache miss. A false "may" costs one probe, never a wrong
  // match: the table holds whole phrases only.
  class StartFilter {
   public:
    explicit StartFilter(unsigned bits) : bits_(bits), words_((std::size_t{1} << bits) / 64, 0) {}
    void Add(std::uint64_t key) {
      const std::size_t b = Bit(key);
      words_[b / 64] |= std::uint64_t{1} << (b % 64);
    }
    bool MayContain(std::uint64_t key) const {
      const std::size_t b = Bit(key);
      return (words_[b / 64] >> (b % 64)) & 1;
    }

   private:
    std::size_t Bit(std::uint64_t key) const {
      return static_cast<std::size_t>(key >> (64 - bits_));
    }
    unsigned bits_;
    std::vector<std::uint64_t> words_;
  };

  // What Match asks of each note word, one byte by WordId: a span's words are sorted into
  // content and fillers without a branch, and the two bit vectors these replace were two
  // content-dependent tests per word.
  static constexpr std::uint8_t kKept = 1;    // not a filler, or "with"/"without"
  static constexpr std::uint8_t kStarts = 2;  // some phrase begins with it
  std::uint8_t Flags(WordId w) const {
    return w < word_flags_.size() ? word_flags_[w] : kKept;  // an id past the table is no filler
  }

  const TermIndex& index_;
  HashTable phrases_;  // hash of a phrase's content words and their count → code
  std::vector<std::uint8_t> word_flags_;
  // Two-word starts: 128 KB that stay in cache and answer for most word pairs of a note.
  StartFilter pair_starts_{20};
  // Starts of three words or more: 512 KB.
  StartFilter longer_starts_{22};
};

}  // namespace notecoder::rules
