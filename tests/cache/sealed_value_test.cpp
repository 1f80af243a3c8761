#include "cache/sealed_value.hpp"

#include <gtest/gtest.h>

namespace notecoder::cache {
namespace {

TEST(SealedValue, RoundTripWithoutClearText) {
  const Sealer sealer(DeriveKey("secret-secret-secret-secret-secret", "seal"));
  const std::string value = "CANARY-9c1d {\"codes\":[\"E11.9\"]}";
  const std::string sealed = sealer.Seal("nc1:result:ab", value);
  EXPECT_EQ(sealed.size(), value.size() + Sealer::kOverhead);
  EXPECT_EQ(static_cast<unsigned char>(sealed[0]), Sealer::kVersion);
  EXPECT_EQ(sealed.find("CANARY"), std::string::npos);
  EXPECT_EQ(sealer.Open("nc1:result:ab", sealed), value);
  // A fresh nonce per value: the same plaintext seals differently.
  EXPECT_NE(sealer.Seal("nc1:result:ab", value), sealed);
  EXPECT_EQ(sealer.Open("k", sealer.Seal("k", "")), std::string());
}

TEST(SealedValue, AnyTamperingFailsToOpen) {
  const Sealer sealer(DeriveKey("secret-secret-secret-secret-secret", "seal"));
  const std::string sealed = sealer.Seal("key", "some answer");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string bad = sealed;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_FALSE(sealer.Open("key", bad)) << "byte " << i;
  }
  EXPECT_FALSE(sealer.Open("key", sealed.substr(0, sealed.size() - 1)));
  EXPECT_FALSE(sealer.Open("key", sealed + "x"));
  EXPECT_FALSE(sealer.Open("key", ""));
  EXPECT_FALSE(sealer.Open("other key", sealed));  // moved to another key
  const Sealer other(DeriveKey("another-secret-another-secret-xx", "seal"));
  EXPECT_FALSE(other.Open("key", sealed));  // a replica with another CACHE_KEY_SECRET
}

}  // namespace
}  // namespace notecoder::cache
