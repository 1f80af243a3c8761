#include "cache/sealed_value.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace notecoder::cache {
namespace {

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

const unsigned char* U(const char* p) { return reinterpret_cast<const unsigned char*>(p); }
unsigned char* U(char* p) { return reinterpret_cast<unsigned char*>(p); }

}  // namespace

std::string Sealer::Seal(std::string_view associated, std::string_view plaintext) const {
  std::string out(kOverhead + plaintext.size(), '\0');
  out[0] = static_cast<char>(kVersion);
  char* nonce = out.data() + 1;
  char* body = nonce + kNonceBytes;
  char* tag = body + plaintext.size();
  // A random 96-bit nonce per value: with one key per deployment, 2^32 values keep the
  // collision probability far below GCM's limit.
  if (RAND_bytes(U(nonce), kNonceBytes) != 1) throw std::runtime_error("RAND_bytes failed");
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), U(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, U(associated.data()),
                        static_cast<int>(associated.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), U(body), &len, U(plaintext.data()),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), U(body) + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, tag) != 1) {
    throw std::runtime_error("AES-256-GCM seal failed");
  }
  return out;
}

std::optional<std::string> Sealer::Open(std::string_view associated,
                                        std::string_view sealed) const {
  if (sealed.size() < kOverhead || static_cast<unsigned char>(sealed[0]) != kVersion) {
    return std::nullopt;
  }
  const char* nonce = sealed.data() + 1;
  const char* body = nonce + kNonceBytes;
  const std::size_t body_len = sealed.size() - kOverhead;
  std::string tag(body + body_len, kTagBytes);  // the ctrl call takes a non-const pointer
  std::string out(body_len, '\0');
  CtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), U(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, U(associated.data()),
                        static_cast<int>(associated.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), U(out.data()), &len, U(body), static_cast<int>(body_len)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1) {
    return std::nullopt;
  }
  int final_len = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), U(out.data()) + len, &final_len) != 1) return std::nullopt;
  return out;
}

}  // namespace notecoder::cache
