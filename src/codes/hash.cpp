#include "codes/hash.hpp"

#include <bit>

#include "infra/same_bytes.hpp"

namespace notecoder::codes {
namespace {

constexpr std::uint64_t kMul1 = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t kMul2 = 0xC2B2AE3D27D4EB4Full;

// The `rest` (1..7) bytes at p as one little-endian word, zero above them: the value a copy
// into a zeroed word gives, but with fixed-size loads that stay inside the input (a variable
// memcpy is a library call, and most hashed terms are a few bytes long). `behind` bytes before
// p are part of the input too.
std::uint64_t LoadTail(const unsigned char* p, std::size_t rest, std::size_t behind) {
  static_assert(std::endian::native == std::endian::little);
  if (behind + rest >= 8) return infra::LoadBytes8(p + rest - 8) >> (64 - 8 * rest);
  if (rest >= 4) {
    return infra::LoadBytes4(p) |
           (std::uint64_t{infra::LoadBytes4(p + rest - 4)} << (8 * (rest - 4)));
  }
  return std::uint64_t{p[0]} | (std::uint64_t{p[rest / 2]} << (8 * (rest / 2))) |
         (std::uint64_t{p[rest - 1]} << (8 * (rest - 1)));
}

std::uint64_t Mix(std::uint64_t lane, std::uint64_t word) {
  lane ^= word * kMul2;
  lane = std::rotl(lane, 31);
  return lane * kMul1;
}

std::uint64_t Finalize(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace

std::uint64_t Hash64(const void* data, std::size_t size, std::uint64_t seed) {
  const auto* p = static_cast<const unsigned char*>(data);
  // Four independent lanes keep the multiplier pipeline busy (~several GB/s on one core).
  std::uint64_t lanes[4] = {seed ^ kMul1, seed + kMul2, seed * kMul1 + 1, ~seed};
  std::size_t i = 0;
  for (; i + 32 <= size; i += 32) {
    lanes[0] = Mix(lanes[0], infra::LoadBytes8(p + i));
    lanes[1] = Mix(lanes[1], infra::LoadBytes8(p + i + 8));
    lanes[2] = Mix(lanes[2], infra::LoadBytes8(p + i + 16));
    lanes[3] = Mix(lanes[3], infra::LoadBytes8(p + i + 24));
  }
  std::uint64_t h = std::rotl(lanes[0], 1) + std::rotl(lanes[1], 7) + std::rotl(lanes[2], 12) +
                    std::rotl(lanes[3], 18);
  for (; i + 8 <= size; i += 8) h = Mix(h, infra::LoadBytes8(p + i));
  if (i < size) h = Mix(h, LoadTail(p + i, size - i, i));
  return Finalize(h ^ static_cast<std::uint64_t>(size));
}

std::string HexU64(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    value >>= 4;
  }
  return out;
}

}  // namespace notecoder::codes
