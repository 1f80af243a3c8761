#include "nlp/word_table.hpp"

#include <cstring>

namespace notecoder::nlp {

std::uint32_t WordTable::HashOf(std::string_view key) {
  // FNV-1a: word keys are a few bytes long, where it beats block hashes.
  std::uint32_t h = 2166136261u;
  for (const char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

void WordTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.value == kMissing) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].value != kMissing) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint32_t WordTable::Insert(std::string_view key, std::uint32_t value) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();  // load factor at most 1/2: short probes
  const std::uint32_t h = HashOf(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.value == kMissing) {
      s = Slot{h, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size()),
               value};
      arena_.append(key);
      ++size_;
      return value;
    }
    if (s.hash == h && s.length == key.size() &&
        std::memcmp(arena_.data() + s.offset, key.data(), key.size()) == 0) {
      return s.value;
    }
  }
}

std::uint32_t WordTable::Find(std::string_view key) const {
  if (slots_.empty()) return kMissing;
  const std::uint32_t h = HashOf(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.value == kMissing) return kMissing;
    if (s.hash == h && s.length == key.size() &&
        std::memcmp(arena_.data() + s.offset, key.data(), key.size()) == 0) {
      return s.value;
    }
  }
}

}  // namespace notecoder::nlp
