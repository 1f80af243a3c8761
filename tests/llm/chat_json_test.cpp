#include "llm/chat_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace notecoder::llm {
namespace {

TEST(ChatJson, EncodesModelMessagesAndStreamOptions) {
  ChatRequest r;
  r.messages = {{"system", "s"}, {"user", "u \"q\""}};
  r.json_mode = true;
  r.stream = true;
  const auto v = boost::json::parse(EncodeChatRequest(r, "gpt-x", true)).as_object();
  EXPECT_EQ(v.at("model").as_string(), "gpt-x");
  EXPECT_EQ(v.at("messages").as_array().size(), 2u);
  EXPECT_EQ(v.at("messages").as_array()[1].at("content").as_string(), "u \"q\"");
  EXPECT_EQ(v.at("response_format").at("type").as_string(), "json_object");
  EXPECT_TRUE(v.at("stream").as_bool());
  EXPECT_TRUE(v.at("stream_options").at("include_usage").as_bool());
  r.stream = false;
  const auto w = boost::json::parse(EncodeChatRequest(r, "m", true)).as_object();
  EXPECT_FALSE(w.contains("stream"));
  EXPECT_FALSE(w.contains("stream_options"));
}

TEST(ChatJson, DecodesACompletion) {
  auto r = DecodeChatResponse(
      R"({"choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":12,"completion_tokens":3}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->content, "hi");
  EXPECT_EQ(r->finish_reason, "stop");
  EXPECT_TRUE(r->usage.reported);
  EXPECT_EQ(r->usage.prompt_tokens, 12);
  EXPECT_EQ(r->usage.completion_tokens, 3);
  EXPECT_FALSE(DecodeChatResponse("not json"));
  EXPECT_FALSE(DecodeChatResponse(R"({"choices":[]})"));
  EXPECT_FALSE(DecodeChatResponse(R"({"choices":[{"message":{"content":null}}]})"));
}

TEST(ChatJson, DecodesChunks) {
  auto a =
      DecodeChunk(R"({"choices":[{"delta":{"content":"ab"},"finish_reason":null}],"usage":null})");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->delta, "ab");
  EXPECT_FALSE(a->usage.reported);
  auto b = DecodeChunk(R"({"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7}})");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->usage.reported);
  EXPECT_EQ(b->usage.completion_tokens, 7);
  auto c = DecodeChunk(R"({"error":{"message":"overloaded"}})");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->error);
  EXPECT_FALSE(DecodeChunk("{oops"));
}

}  // namespace
}  // namespace notecoder::llm
