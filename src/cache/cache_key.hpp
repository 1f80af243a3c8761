#pragma once
// Cache keys are HMAC-SHA256 under CACHE_KEY_SECRET over length-prefixed fields, written as
// "nc1:<kind>:<64 hex>". No raw text ever appears in a key, and a key cannot be recomputed
// (dictionary attack on short notes) without the secret. Replicas that share the secret share
// hits; a replica with another secret computes other keys and simply misses.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace notecoder::cache {

enum class CacheKind { kLlm = 0, kResult = 1, kMl = 2 };
inline constexpr int kCacheKinds = 3;
const char* CacheKindName(CacheKind kind);  // "llm", "result", "ml": metric labels, key prefix

struct CacheKey {
  CacheKind kind = CacheKind::kResult;
  std::string text;  // "nc1:result:9f2c..." (what Redis stores under; also the sealing AAD)
};

using SecretBytes = std::array<std::uint8_t, 32>;

class KeyMaker {
 public:
  // `secret` is CACHE_KEY_SECRET; empty picks 32 random bytes for this process only (memory
  // caching still works; nothing can be shared with another process).
  explicit KeyMaker(std::string_view secret);

  bool shared_secret() const { return shared_; }

  // An LLM answer: the model, the prompt version (prompt texts digest included) and the whole
  // prompt as sent (system + user messages and sampling parameters, serialized by the caller).
  CacheKey LlmAnswer(std::string_view model, std::string_view prompt_version,
                     std::string_view prompt) const;
  // A whole coding result: the normalized note, the ML model's and code set's fingerprints and
  // the request options that change the answer (serialized canonically by the caller).
  CacheKey Result(std::string_view normalized_note, std::string_view model_fingerprint,
                  std::string_view codeset_fingerprint, std::string_view options) const;
  // The ML engine's scores for a note under one model.
  CacheKey Ml(std::string_view normalized_note, std::string_view model_fingerprint,
              std::string_view options) const;

  // The AES-256-GCM key for sealed values, derived from the same secret under another label so
  // a key never doubles as an encryption key.
  const SecretBytes& seal_key() const { return seal_key_; }

 private:
  CacheKey Make(CacheKind kind, std::initializer_list<std::string_view> fields) const;
  bool shared_ = false;
  SecretBytes key_key_{};
  SecretBytes seal_key_{};
};

// HMAC-SHA256(secret, label): the derivation used for both sub-keys (an HKDF-Expand with a
// single block and no salt is the same construction).
SecretBytes DeriveKey(std::string_view secret, std::string_view label);

}  // namespace notecoder::cache
