#pragma once
// The note as a stream of word keys ready for matching: punctuation dropped (but remembered as a
// phrase boundary), abbreviations expanded ("CKD 3b" → chronic kidney disease stage 3b), each
// key pointing back to the note tokens it came from.
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "nlp/document.hpp"
#include "nlp/word_table.hpp"

namespace notecoder::rules {

struct ConceptToken {
  // Points into the note's tokens, the engine's tables or the KeyStorage given to Build.
  std::string_view key;
  std::uint32_t src_first = 0;  // note tokens [src_first, src_last) this key stands for
  std::uint32_t src_last = 0;
  std::uint32_t sentence = 0;
  bool boundary_before = false;  // a ',', ';', ':', '(' or ')' (or the sentence start) precedes it
  bool comma_before = false;     // that boundary is only a comma
  bool expanded = false;         // produced by an abbreviation expansion
  bool qualifier = false;        // ... of a qualifier ("both knees"), usable word by word
  std::uint32_t id = 0;          // interned key (TermIndex::IdOf), set by the engine
};

using KeyStorage = std::deque<std::string>;

class ConceptStream {
 public:
  ConceptStream();  // prepares the expansion table once
  // Fills `out` (cleared first) for the whole document; sentence_begin[s] .. sentence_begin[s+1]
  // are the concept tokens of sentence s.
  // `storage` holds the few keys that are not a view of the note or of a table ("arteries" →
  // "artery"); it must outlive `out`.
  void Build(const nlp::Document& doc, std::vector<ConceptToken>& out,
             std::vector<std::uint32_t>& sentence_begin, KeyStorage& storage) const;

 private:
  struct Entry {
    std::vector<std::string> pattern;
    std::vector<std::string> replacement;
    unsigned char guards;
  };
  std::vector<Entry> entries_;  // sorted by first key, then longest pattern first
  nlp::WordTable first_entry_;  // first key → its first entry
  const Entry* FindFirst(std::string_view key) const;
};

}  // namespace notecoder::rules
