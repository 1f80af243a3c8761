#include "cache/cache_key.hpp"

#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cassert>
#include <stdexcept>

namespace notecoder::cache {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendField(std::string& out, std::string_view field) {
  // Length-prefixed (8 bytes, big-endian): ("ab","c") and ("a","bc") never collide.
  const std::uint64_t n = field.size();
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(field);
}

}  // namespace

const char* CacheKindName(CacheKind kind) {
  switch (kind) {
    case CacheKind::kLlm:
      return "llm";
    case CacheKind::kResult:
      return "result";
    case CacheKind::kMl:
      return "ml";
  }
  return "unknown";
}

SecretBytes DeriveKey(std::string_view secret, std::string_view label) {
  SecretBytes out{};
  unsigned int len = 0;
  const auto* ok =
      HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(label.data()), label.size(), out.data(), &len);
  if (ok == nullptr || len != out.size()) throw std::runtime_error("HMAC-SHA256 failed");
  return out;
}

KeyMaker::KeyMaker(std::string_view secret) : shared_(!secret.empty()) {
  std::string material(secret);
  if (material.empty()) {
    material.resize(32);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(material.data()), 32) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
  }
  key_key_ = DeriveKey(material, "notecoder/cache/key/v1");
  seal_key_ = DeriveKey(material, "notecoder/cache/seal/v1");
}

CacheKey KeyMaker::Make(CacheKind kind, std::initializer_list<std::string_view> fields) const {
  std::string message;
  AppendField(message, CacheKindName(kind));
  for (const auto f : fields) AppendField(message, f);
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key_key_.data(), static_cast<int>(key_key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len);
  assert(len == 32);
  CacheKey key;
  key.kind = kind;
  key.text = std::string("nc1:") + CacheKindName(kind) + ":";
  for (unsigned i = 0; i < len; ++i) {
    key.text.push_back(kHex[mac[i] >> 4]);
    key.text.push_back(kHex[mac[i] & 15]);
  }
  return key;
}

CacheKey KeyMaker::LlmAnswer(std::string_view model, std::string_view prompt_version,
                             std::string_view prompt) const {
  return Make(CacheKind::kLlm, {model, prompt_version, prompt});
}

CacheKey KeyMaker::Result(std::string_view normalized_note, std::string_view model_fingerprint,
                          std::string_view codeset_fingerprint, std::string_view options) const {
  return Make(CacheKind::kResult,
              {normalized_note, model_fingerprint, codeset_fingerprint, options});
}

CacheKey KeyMaker::Ml(std::string_view normalized_note, std::string_view model_fingerprint,
                      std::string_view options) const {
  return Make(CacheKind::kMl, {normalized_note, model_fingerprint, options});
}

}  // namespace notecoder::cache
