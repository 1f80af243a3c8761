#pragma once
// The note as a stream of word keys ready for matching: punctuation dropped (but remembered as a
// phrase boundary), abbreviations expanded ("CKD 3b" → chronic kidney disease stage 3b), each
// key pointing back to the note tokens it came from, with its interned id.
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "nlp/document.hpp"
#include "nlp/word_table.hpp"

namespace notecoder::rules {

class TermIndex;

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
  std::uint32_t id = 0;          // interned key (TermIndex::IdOf)
};

using KeyStorage = std::deque<std::string>;

class ConceptStream {
 public:
  // Prepares the expansion table and what each word the index knows becomes, once, and adds the
  // note spellings it reads to `index` (TermIndex::AddSpelling). `index` must outlive the stream.
  explicit ConceptStream(TermIndex& index);
  // Fills `out` (cleared first) for the whole document, ids included; sentence_begin[s] ..
  // sentence_begin[s+1] are the concept tokens of sentence s.
  // `storage` holds the few keys that are not a view of the note or of a table ("arteries" →
  // "artery"); it must outlive `out`.
  void Build(const nlp::Document& doc, std::vector<ConceptToken>& out,
             std::vector<std::uint32_t>& sentence_begin, KeyStorage& storage) const;

 private:
  struct Entry {
    std::vector<std::string> pattern;
    std::vector<std::string> replacement;
    std::vector<std::uint32_t> replacement_ids;
    unsigned char guards;
  };
  // A note word as the stream reads it, worked out at start-up for every word the index knows,
  // the abbreviations and the plurals that lead to a known word: one look-up per note word then
  // replaces the key rules, the expansion look-up and the id look-up, each of which hashed and
  // compared the word again (their branches on the word's letters were a visible share of
  // mispredictions). A word start-up did not see is no word the index or an expansion knows,
  // unless the key rules change it.
  struct Surface {
    std::uint32_t id = 0;          // of the key
    std::uint32_t literal_id = 0;  // of the word itself: an acronym is read as written
    std::uint32_t key_offset = 0;  // the key in surface_keys_ when it differs from the word
    std::uint32_t key_length = 0;
    std::uint16_t first = kNoEntry;  // first expansion entry of the key
    std::uint16_t literal_first = kNoEntry;
    bool key_is_literal = true;  // key == word: the acronym test cannot change anything
  };
  static constexpr std::uint16_t kNoEntry = 0xFFFF;

  Surface SurfaceOf(std::string_view word);
  // The surface of a note word, or null when start-up did not see it.
  const Surface* FindSurface(const std::string& word) const;
  std::uint16_t FirstEntry(std::string_view key) const;

  const TermIndex& index_;
  std::vector<Entry> entries_;  // sorted by first key, then longest pattern first
  nlp::WordTable first_entry_;  // first key → its first entry
  // The surfaces of the index's words by their id, and of the other spellings (plurals and
  // abbreviations the index lacks) by their number: both are found by the one probe of the
  // vocabulary's table (TermIndex::Entry), with no second table of 16 000 words.
  std::vector<Surface> known_;
  std::vector<Surface> others_;
  std::string surface_keys_;  // the keys that differ from their word, back to back
};

}  // namespace notecoder::rules
