#pragma once
// The vocabulary as an open-addressing hash table laid out for use in place: the model file
// stores these arrays as they are, and the vectorizer keeps the same arrays in memory, so both
// look terms up with the same code.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codes/hash.hpp"
#include "infra/result.hpp"

namespace notecoder::ml {

inline constexpr std::uint32_t kEmptySlot = 0xFFFFFFFFu;

struct VocabSlot {
  std::uint32_t tag;      // high 32 bits of the term's hash, compared before the bytes
  std::uint32_t feature;  // kEmptySlot when free
};

// Read-only view over the arrays (memory-mapped or owned elsewhere).
class VocabView {
 public:
  VocabView() = default;
  VocabView(std::span<const VocabSlot> slots, std::span<const std::uint32_t> term_offsets,
            std::string_view term_bytes, std::uint64_t seed)
      : slots_(slots), term_offsets_(term_offsets), term_bytes_(term_bytes), seed_(seed) {}

  std::optional<std::uint32_t> Find(std::string_view term) const {
    const std::uint32_t f = FindHashed(term, Hash(term));
    return f == kEmptySlot ? std::nullopt : std::optional(f);
  }
  // The same in two steps, so a caller with many terms can hash them all and prefetch their
  // slots before probing (the table is larger than L2 for a 100k-term vocabulary).
  std::uint64_t Hash(std::string_view term) const { return codes::Hash64(term, seed_); }
  void Prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  // The feature of `term`, kEmptySlot when absent: a plain integer, because an optional
  // returned from this hot call went through memory (a byte store then a wider load).
  std::uint32_t FindHashed(std::string_view term, std::uint64_t hash) const;
  std::uint32_t size() const { return static_cast<std::uint32_t>(term_offsets_.size() - 1); }
  std::string_view Term(std::uint32_t feature) const {
    return term_bytes_.substr(term_offsets_[feature],
                              term_offsets_[feature + 1] - term_offsets_[feature]);
  }
  // Bounds and shape checks for arrays read from a file: true when every access Find/Term can
  // make stays inside them.
  bool Valid() const;

 private:
  std::span<const VocabSlot> slots_;             // power-of-two count, at least one free
  std::span<const std::uint32_t> term_offsets_;  // size() + 1 ascending offsets into term_bytes_
  std::string_view term_bytes_;
  std::uint64_t seed_ = 0;
};

// Owned arrays built from a list of distinct terms (feature i = terms[i]).
struct VocabTable {
  std::vector<VocabSlot> slots;
  std::vector<std::uint32_t> term_offsets;
  std::string term_bytes;
  std::uint64_t seed = 0;

  VocabView View() const { return {slots, term_offsets, term_bytes, seed}; }
};

// kInvalidArgument for a duplicate term or more than 2^31 terms / 4 GiB of term bytes.
Result<VocabTable> BuildVocabTable(std::span<const std::string> terms);

std::uint64_t HashTerm(std::string_view term, std::uint64_t seed);

}  // namespace notecoder::ml
