#include "cache/cache_key.hpp"

#include <gtest/gtest.h>

namespace notecoder::cache {
namespace {

const std::string kSecret(40, 's');

TEST(CacheKey, HexUnderAKindPrefixAndDeterministic) {
  KeyMaker keys(kSecret);
  const auto a = keys.Result("note", "model", "codes", "opts");
  EXPECT_EQ(a.kind, CacheKind::kResult);
  ASSERT_EQ(a.text.size(), std::string("nc1:result:").size() + 64);
  EXPECT_EQ(a.text.rfind("nc1:result:", 0), 0u);
  EXPECT_EQ(a.text.find_first_not_of("0123456789abcdef", 11), std::string::npos);
  EXPECT_EQ(a.text, keys.Result("note", "model", "codes", "opts").text);
  EXPECT_EQ(keys.LlmAnswer("m", "v1", "p").text.rfind("nc1:llm:", 0), 0u);
  EXPECT_EQ(keys.Ml("n", "m", "o").text.rfind("nc1:ml:", 0), 0u);
}

TEST(CacheKey, EveryFieldAndTheSecretChangeTheKey) {
  KeyMaker keys(kSecret);
  const auto base = keys.Result("note", "model", "codes", "opts").text;
  EXPECT_NE(base, keys.Result("note ", "model", "codes", "opts").text);
  EXPECT_NE(base, keys.Result("note", "model2", "codes", "opts").text);
  EXPECT_NE(base, keys.Result("note", "model", "codes2", "opts").text);
  EXPECT_NE(base, keys.Result("note", "model", "codes", "opts2").text);
  // Length-prefixed fields: moving a boundary changes the key.
  EXPECT_NE(keys.Result("ab", "c", "", "").text, keys.Result("a", "bc", "", "").text);
  EXPECT_NE(base, KeyMaker(std::string(40, 't')).Result("note", "model", "codes", "opts").text);
  // Same fields under another kind: another key.
  EXPECT_NE(keys.LlmAnswer("a", "b", "c").text.substr(8), keys.Ml("a", "b", "c").text.substr(7));
}

TEST(CacheKey, NoRawTextInKeys) {
  KeyMaker keys(kSecret);
  const std::string canary = "CANARY-7f3a Jane Doe MRN 12345 diabetes";
  for (const auto& k :
       {keys.Result(canary, canary, canary, canary).text,
        keys.LlmAnswer(canary, canary, canary).text, keys.Ml(canary, canary, canary).text}) {
    EXPECT_EQ(k.find("CANARY"), std::string::npos);
    EXPECT_EQ(k.find("Jane"), std::string::npos);
    EXPECT_LT(k.size(), 80u);
  }
}

TEST(CacheKey, WithoutASecretEachProcessObjectIsRandom) {
  KeyMaker a(""), b("");
  EXPECT_FALSE(a.shared_secret());
  EXPECT_TRUE(KeyMaker(kSecret).shared_secret());
  EXPECT_NE(a.Result("n", "m", "c", "o").text, b.Result("n", "m", "c", "o").text);
  EXPECT_NE(a.seal_key(), b.seal_key());
}

TEST(CacheKey, SealKeyIsNotTheKeyingKey) {
  KeyMaker keys(kSecret);
  EXPECT_EQ(keys.seal_key(), DeriveKey(kSecret, "notecoder/cache/seal/v1"));
  EXPECT_NE(keys.seal_key(), DeriveKey(kSecret, "notecoder/cache/key/v1"));
}

}  // namespace
}  // namespace notecoder::cache
