#include "infra/safe_log_text.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <mutex>

namespace notecoder::infra {
namespace {

struct KeyHolder {
  std::once_flag once;
  std::string key;
};

KeyHolder& Holder() {
  static KeyHolder holder;
  return holder;
}

const std::string& Key() {
  auto& h = Holder();
  std::call_once(h.once, [&h] {
    std::array<unsigned char, 32> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
      // Still keyed per process: the address space layout varies between runs.
      const auto seed = reinterpret_cast<std::uintptr_t>(&h);
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<unsigned char>(seed >> (8 * (i % sizeof(seed))));
      }
    }
    h.key.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  });
  return h.key;
}

}  // namespace

void SetLogHashKey(std::string key) {
  if (key.empty()) return;  // Key() draws a random one on first use
  auto& h = Holder();
  std::call_once(h.once, [&h, &key] { h.key = std::move(key); });
}

SafeText SafeLogText(std::string_view note_derived) {
  const std::string& key = Key();
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int md_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(note_derived.data()), note_derived.size(), md.data(),
       &md_len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(16);
  for (unsigned int i = 0; i < 8 && i < md_len; ++i) {
    hex.push_back(kHex[md[i] >> 4]);
    hex.push_back(kHex[md[i] & 15]);
  }
  return SafeText(note_derived.size(), std::move(hex));
}

}  // namespace notecoder::infra
