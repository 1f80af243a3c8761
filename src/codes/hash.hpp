#pragma once
// A fast non-cryptographic 64-bit hash: checks snapshot integrity on every Open (tens of MB in a
// few ms, where zlib's crc32 would eat most of the open-time budget) and fingerprints sources.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace notecoder::codes {

std::uint64_t Hash64(const void* data, std::size_t size, std::uint64_t seed = 0);
inline std::uint64_t Hash64(std::string_view text, std::uint64_t seed = 0) {
  return Hash64(text.data(), text.size(), seed);
}
std::string HexU64(std::uint64_t value);

}  // namespace notecoder::codes
