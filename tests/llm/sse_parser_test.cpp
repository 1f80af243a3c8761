#include "llm/sse_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace notecoder::llm {
namespace {

struct Seen {
  std::vector<std::string> events;
  std::vector<std::string> data;
};

SseParser::EventFn Collect(Seen& seen) {
  return [&seen](const SseEvent& e) {
    seen.events.emplace_back(e.event);
    seen.data.emplace_back(e.data);
  };
}

const std::string kStream =
    ": keep-alive comment\n"
    "data: {\"a\":1}\n\n"
    "event: ping\r\ndata: x\r\n\r\n"
    "data: line one\rdata: line two\r\r"
    "data:no-space\n\n"
    "id: 7\nretry: 100\n\n"  // no data: no event
    "data: [DONE]\n\n";

TEST(SseParser, ReadsEventsWithEveryLineEnding) {
  Seen seen;
  SseParser p;
  ASSERT_TRUE(p.Feed(kStream, Collect(seen)));
  EXPECT_EQ(seen.data, (std::vector<std::string>{"{\"a\":1}", "x", "line one\nline two", "no-space",
                                                 "[DONE]"}));
  EXPECT_EQ(seen.events[1], "ping");
  EXPECT_FALSE(p.mid_event());
}

TEST(SseParser, SameEventsWhenSplitAtEveryByte) {
  for (std::size_t cut = 0; cut <= kStream.size(); ++cut) {
    Seen whole;
    Seen split;
    SseParser a;
    SseParser b;
    ASSERT_TRUE(a.Feed(kStream, Collect(whole)));
    ASSERT_TRUE(b.Feed(std::string_view(kStream).substr(0, cut), Collect(split)));
    ASSERT_TRUE(b.Feed(std::string_view(kStream).substr(cut), Collect(split)));
    ASSERT_EQ(whole.data, split.data) << "cut at " << cut;
  }
  // One byte at a time, CRLF split between its two bytes included.
  Seen bytes;
  SseParser c;
  for (const char ch : kStream) ASSERT_TRUE(c.Feed(std::string_view(&ch, 1), Collect(bytes)));
  EXPECT_EQ(bytes.data.size(), 5u);
}

TEST(SseParser, TruncatedStreamIsMidEvent) {
  Seen seen;
  SseParser p;
  ASSERT_TRUE(p.Feed("data: {\"a\":1}\n\ndata: {\"b\"", Collect(seen)));
  EXPECT_EQ(seen.data.size(), 1u);
  EXPECT_TRUE(p.mid_event());
  SseParser q;
  ASSERT_TRUE(q.Feed("data: x\n", Collect(seen)));  // a line, but the event is not closed
  EXPECT_TRUE(q.mid_event());
}

TEST(SseParser, FailsPastItsLimit) {
  Seen seen;
  SseParser p(64);
  EXPECT_FALSE(p.Feed("data: " + std::string(100, 'x'), Collect(seen)));
  EXPECT_TRUE(p.failed());
  EXPECT_FALSE(p.Feed("data: y\n\n", Collect(seen)));
  EXPECT_TRUE(seen.data.empty());
  SseParser q(64);  // many lines of one event count together
  bool ok = true;
  for (int i = 0; i < 20 && ok; ++i) ok = q.Feed("data: 0123456789\n", Collect(seen));
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace notecoder::llm
