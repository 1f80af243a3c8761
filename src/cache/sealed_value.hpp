#pragma once
// Values at rest in a shared store are sealed with AES-256-GCM: a note-derived answer never sits
// in Redis in clear text, and a value altered there (or written under another secret) fails to
// open and is treated as a miss. Layout: version (1 byte) | nonce (12 random bytes) | ciphertext |
// tag (16 bytes). The associated data is the cache key, so a value copied to another key does
// not open either.
#include <optional>
#include <string>
#include <string_view>

#include "cache/cache_key.hpp"

namespace notecoder::cache {

class Sealer {
 public:
  explicit Sealer(const SecretBytes& key) : key_(key) {}

  std::string Seal(std::string_view associated, std::string_view plaintext) const;
  // nullopt when the value is too short, of another version, or fails authentication.
  std::optional<std::string> Open(std::string_view associated, std::string_view sealed) const;

  static constexpr unsigned char kVersion = 1;
  static constexpr std::size_t kNonceBytes = 12;
  static constexpr std::size_t kTagBytes = 16;
  static constexpr std::size_t kOverhead = 1 + kNonceBytes + kTagBytes;

 private:
  SecretBytes key_;
};

}  // namespace notecoder::cache
