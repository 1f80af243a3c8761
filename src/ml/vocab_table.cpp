#include "ml/vocab_table.hpp"

#include <bit>

#include "codes/hash.hpp"
#include "infra/same_bytes.hpp"

namespace notecoder::ml {
namespace {

constexpr std::uint64_t kDefaultSeed = 0x6E6F7465636F6465ull;  // "notecode"

}  // namespace

std::uint64_t HashTerm(std::string_view term, std::uint64_t seed) {
  return codes::Hash64(term, seed);
}

std::uint32_t VocabView::FindHashed(std::string_view term, std::uint64_t h) const {
  if (slots_.empty()) return kEmptySlot;
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const VocabSlot& slot = slots_[i];
    if (slot.feature == kEmptySlot) return kEmptySlot;
    if (slot.tag != tag) continue;
    const std::uint32_t begin = term_offsets_[slot.feature];
    if (term_offsets_[slot.feature + 1] - begin == term.size() &&
        infra::SameBytes(term_bytes_.data() + begin, term.data(), term.size())) {
      return slot.feature;
    }
  }
}

bool VocabView::Valid() const {
  if (term_offsets_.empty() || term_offsets_.front() != 0) return false;
  if (term_offsets_.back() != term_bytes_.size()) return false;
  for (std::size_t i = 1; i < term_offsets_.size(); ++i) {
    if (term_offsets_[i] < term_offsets_[i - 1]) return false;
  }
  if (!std::has_single_bit(slots_.size()) || slots_.size() <= size()) return false;
  std::size_t used = 0;
  for (const VocabSlot& slot : slots_) {
    if (slot.feature == kEmptySlot) continue;
    if (slot.feature >= size()) return false;
    ++used;
  }
  return used == size();  // every probe sequence ends at a free slot
}

Result<VocabTable> BuildVocabTable(std::span<const std::string> terms) {
  if (terms.size() >= 0x80000000u) {
    return MakeError(ErrorCode::kInvalidArgument, "vocabulary has more than 2^31 terms");
  }
  VocabTable table;
  table.seed = kDefaultSeed;
  table.term_offsets.reserve(terms.size() + 1);
  table.term_offsets.push_back(0);
  for (const std::string& term : terms) {
    if (table.term_bytes.size() + term.size() > 0xFFFFFFFFu) {
      return MakeError(ErrorCode::kInvalidArgument, "vocabulary terms exceed 4 GiB");
    }
    table.term_bytes += term;
    table.term_offsets.push_back(static_cast<std::uint32_t>(table.term_bytes.size()));
  }
  // Load factor at most 1/2 keeps misses (most n-grams of a note) to short probe runs.
  const std::size_t slot_count = std::bit_ceil(std::max<std::size_t>(2 * terms.size(), 8));
  table.slots.assign(slot_count, VocabSlot{0, kEmptySlot});
  const std::size_t mask = slot_count - 1;
  for (std::uint32_t f = 0; f < terms.size(); ++f) {
    const std::uint64_t h = HashTerm(terms[f], table.seed);
    std::size_t i = h & mask;
    for (; table.slots[i].feature != kEmptySlot; i = (i + 1) & mask) {
      if (terms[table.slots[i].feature] == terms[f]) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "duplicate vocabulary term at feature " + std::to_string(f));
      }
    }
    table.slots[i] = VocabSlot{static_cast<std::uint32_t>(h >> 32), f};
  }
  return table;
}

}  // namespace notecoder::ml
