#include "http/admission.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>

namespace notecoder::http {
namespace {

// Hashing first makes both sides the same length, so the compare leaks nothing about key length.
std::array<unsigned char, SHA256_DIGEST_LENGTH> Digest(std::string_view s) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> d{};
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), d.data());
  return d;
}

}  // namespace

bool ApiKeys::Allows(std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      authorization.substr(0, kBearer.size()) != kBearer) {
    return false;
  }
  const auto given = Digest(authorization.substr(kBearer.size()));
  bool ok = false;
  for (const auto& key : keys_) {
    const auto want = Digest(key);
    ok |= CRYPTO_memcmp(given.data(), want.data(), want.size()) == 0;
  }
  return ok;
}

}  // namespace notecoder::http
