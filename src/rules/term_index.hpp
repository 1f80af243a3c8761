#pragma once
// The Alphabetic Index prepared for matching: each term's title as word keys, which subterms
// are links ("with", "in", "due to"), and a dictionary from main-term words to main terms.
#include <atomic>
#include <concepts>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "codes/codebook.hpp"
#include "nlp/word_table.hpp"
#include "rules/concept_stream.hpp"
#include "rules/hash_table.hpp"

namespace notecoder::rules {

enum class TermRole : std::uint8_t {
  kModifier,         // a subterm whose words must appear near the main term ("chronic", "stage 3b")
  kLink,             // "with", "in", "due to": its children are conditions presumed linked
  kLinkedCondition,  // "with heart failure": a linked condition named in one subterm
  kWithout,  // "without aura": taken only when the note writes "without"/"no" before the words
  kSkip,     // "NEC", "specified NEC", "- code to ...": never chosen by words
};

// Word keys are interned: matching compares small integers, not strings.
using WordId = std::uint32_t;
inline constexpr WordId kUnknownWord = 0;  // a note word no index title uses

struct TermInfo {
  std::vector<std::string> keys;  // content word keys of the title (fillers removed)
  std::vector<WordId> ids;        // the same, interned
  TermRole role = TermRole::kModifier;
  // "atrial or auricular": either spelling alone is the subterm; empty when the title has none.
  std::vector<std::vector<WordId>> alternatives;
  // Links: "with" presumes a link to a condition documented anywhere in the note (ICD-10-CM
  // convention); "due to" and "in" need the note to say so, in the same sentence.
  bool link_anywhere = false;
  bool starts_with_with = false;  // the title's first word is "with" (not "in", "due to")
  std::uint32_t child_lookup = 0xFFFFFFFFu;  // TermIndex::ChildrenByWord's entry, or none
};

// What a walk needs to reject a subterm without reading its TermInfo (88 bytes and two vectors
// away): a walk tries hundreds of subterms per head and rejects most of them on these 16 bytes,
// and neighbouring subterms share a cache line.
struct TermBrief {
  std::uint64_t word_bits = 0;  // one bit per (id % 64) of the title's content words
  WordId first_word = 0;        // the first of them (kUnknownWord when none)
  TermRole role = TermRole::kModifier;
  bool has_alternatives = false;  // TermInfo::alternatives is not empty
  bool has_aliases = false;       // LinkAliases is not empty
  // Only a "see" to follow: no code of its own and a "see" reference (a walk passes through).
  bool see_only = false;
};

// A main-term spelling to look for in notes: "diabetes" and "diabetic" for "Diabetes, diabetic".
struct HeadVariant {
  std::vector<std::string> keys;
  std::vector<WordId> ids;
  codes::TermId term;
  bool bare_codable;  // false for stop-listed words ("history", "disease")
};

class TermIndex {
 public:
  explicit TermIndex(std::shared_ptr<const codes::Codebook> book);

  const codes::Codebook& book() const { return *book_; }
  const TermInfo& Info(codes::TermId t) const { return info_[t]; }
  const TermBrief& Brief(codes::TermId t) const { return brief_[t]; }
  // The interned id of a word key; kUnknownWord when no title, alias or lexicon entry uses it.
  WordId IdOf(std::string_view key) const { return AsWord(vocabulary_.Find(key)); }
  // The same for a key held in a std::string (a note token's norm), which the vocabulary reads
  // in one step. A template, so that a string literal still picks the view.
  template <std::same_as<std::string> S>
  WordId IdOf(const S& key) const {
    return AsWord(vocabulary_.Find(key));
  }
  // Ids run from 1 to VocabularySize().
  std::size_t VocabularySize() const { return words_; }
  // Visits every interned word key with its id, in no particular order.
  template <class F>
  void ForEachWord(F&& f) const {
    vocabulary_.ForEach([&](std::string_view word, std::uint32_t value) {
      if ((value & kSpelling) == 0) f(word, value);
    });
  }

  // Note spellings that are no index word (plurals, abbreviations) share the vocabulary's table,
  // tagged, so that one probe per note word finds a word or a spelling (ConceptStream); IdOf
  // answers kUnknownWord for them. Added once, while the engine is built.
  static constexpr std::uint32_t kSpelling = 0x80000000u;
  void ReserveSpellings(std::size_t count) { vocabulary_.Reserve(words_ + count); }
  // Adds `word` as spelling `n` (below kSpelling - 1) unless the table has it; returns its value.
  std::uint32_t AddSpelling(std::string_view word, std::uint32_t n) {
    return vocabulary_.Insert(word, kSpelling | n);
  }
  // A note word's entry: its WordId, kSpelling | n, or nlp::WordTable::kMissing.
  template <std::same_as<std::string> S>
  std::uint32_t Entry(const S& word) const {
    return vocabulary_.Find(word);
  }

  // The words of a code's CMS long title, interned, in order (fillers included).
  const std::vector<WordId>& CodeTitleIds(codes::CodeId code) const {
    return code_title_ids_[code];
  }
  bool IsFiller(WordId id) const { return id < filler_.size() && filler_[id]; }
  WordId WithId() const { return with_id_; }
  // "without", "no", "not": the words after them are written as absent.
  bool IsNegator(WordId id) const {
    return id != kUnknownWord && (id == without_id_ || id == no_id_ || id == not_id_);
  }
  WordId WithoutId() const { return without_id_; }
  // Variants whose first word is `first`, longest first.
  std::span<const HeadVariant> HeadsStartingWith(WordId first) const;
  // Resolves an index cross-reference ("Failure, heart, systolic"; "History, personal (of),
  // malignant neoplasm") to the deepest term it names; kNone when the main term is unknown.
  codes::TermId ResolveSee(std::string_view see) const;
  // Where term `t`'s own "see" / "see also" reference leads (ResolveSee of its text), resolved on
  // first use and remembered: walks follow the same references for every note.
  codes::TermId SeeTarget(codes::TermId t) const { return Cached(see_cache_.get(), t, false); }
  codes::TermId SeeAlsoTarget(codes::TermId t) const {
    return Cached(see_also_cache_.get(), t, true);
  }
  // For a term with many subterms ("Disease" has hundreds): the subterms a note word can select,
  // and those that must always be tried (links, "without ..."); null for small terms.
  struct ChildLookup {
    std::vector<codes::TermId> always;
  };
  const ChildLookup* ChildrenByWord(codes::TermId t) const {
    const std::uint32_t k = info_[t].child_lookup;
    return k == codes::kNone ? nullptr : &child_lookup_[k];
  }
  // The subterms of `lookup`'s term that word `w` selects, in index order.
  std::span<const codes::TermId> ChildrenWithWord(const ChildLookup& lookup, WordId w) const {
    const auto k = static_cast<std::uint64_t>(&lookup - child_lookup_.data());
    const std::uint32_t at = child_words_.Find(k << 32 | w);
    if (at == HashTable::kMissing) return {};
    return {child_word_terms_.data() + at + 1, child_word_terms_[at]};
  }
  // Extra wordings for link subterms the index spells abstractly ("kidney involvement").
  std::span<const std::vector<WordId>> LinkAliases(codes::TermId t) const;

 private:
  std::vector<WordId> Intern(const std::vector<std::string>& keys);
  codes::TermId Cached(std::atomic<codes::TermId>* cache, codes::TermId t, bool also) const;

  std::shared_ptr<const codes::Codebook> book_;
  std::vector<TermInfo> info_;
  std::vector<TermBrief> brief_;  // by TermId
  // A spelling's value, and kMissing (which has the kSpelling bit too), are no word.
  static WordId AsWord(std::uint32_t value) {
    return (value & kSpelling) != 0 ? kUnknownWord : value;
  }

  static constexpr std::size_t kExpectedEntries = 32000;
  nlp::WordTable vocabulary_;
  std::size_t words_ = 0;  // interned words; spellings not counted
  // Head variants grouped by first word: those of word w are heads_[head_start_[w] ..
  // head_start_[w + 1]), longest first. Flat, so a note word costs one array read.
  std::vector<HeadVariant> heads_;
  std::vector<std::uint32_t> head_start_;
  std::unordered_map<std::string, std::vector<codes::TermId>> main_by_first_variant_;
  std::unordered_map<codes::TermId, std::vector<std::vector<WordId>>> aliases_;
  std::vector<ChildLookup> child_lookup_;  // indexed by TermInfo::child_lookup
  // (child lookup, word) → offset in child_word_terms_ of a count followed by that many subterms.
  // One flat table for all terms: a walk asks it once per window word.
  HashTable child_words_;
  std::vector<codes::TermId> child_word_terms_;
  std::vector<std::vector<WordId>> code_title_ids_;
  std::vector<bool> filler_;  // by WordId
  // By TermId; kUnresolved until first use. Racing threads store the same answer, so relaxed
  // atomics are enough.
  static constexpr codes::TermId kUnresolved = 0xFFFFFFFEu;
  std::unique_ptr<std::atomic<codes::TermId>[]> see_cache_;
  std::unique_ptr<std::atomic<codes::TermId>[]> see_also_cache_;
  WordId with_id_ = kUnknownWord;
  WordId without_id_ = kUnknownWord;
  WordId no_id_ = kUnknownWord;
  WordId not_id_ = kUnknownWord;
};

}  // namespace notecoder::rules
