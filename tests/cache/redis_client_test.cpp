#include "cache/redis_client.hpp"

#include <gtest/gtest.h>

#include "redis_server.hpp"
#include "run_co.hpp"

namespace notecoder::cache {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using Clock = RedisClient::Clock;

RedisClient::Options Options(int port) {
  RedisClient::Options o;
  o.url.host = "127.0.0.1";
  o.url.port = port;
  o.command_timeout = milliseconds(200);
  return o;
}

TEST(RedisClient, CommandsAndPipelinesAgainstARealServer) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  asio::io_context io;
  auto redis = RedisClient::Create(io.get_executor(), Options(server.port()));
  auto set = testing::RunCo(
      io, redis->Command({"SET", "a", std::string("x\0y", 3)}, Clock::now() + milliseconds(500)));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->str, "OK");
  auto get = testing::RunCo(io, redis->Command({"GET", "a"}, Clock::now() + milliseconds(500)));
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(get->str, std::string("x\0y", 3));  // binary-safe
  std::vector<std::vector<std::string>> cmds;
  for (int i = 0; i < 100; ++i) cmds.push_back({"INCR", "n"});
  cmds.push_back({"GET", "missing"});
  cmds.push_back({"NOSUCHCOMMAND"});
  auto piped = testing::RunCo(io, redis->Pipeline(cmds, Clock::now() + milliseconds(500)));
  ASSERT_TRUE(piped.ok());
  ASSERT_EQ(piped->size(), 102u);
  EXPECT_EQ((*piped)[99].integer, 100);
  EXPECT_TRUE((*piped)[100].is_nil());
  EXPECT_TRUE((*piped)[101].is_error());  // an error reply is a value
  // Many concurrent callers share the pool's connections.
  std::vector<asio::awaitable<void>> tasks;
  int ok = 0;
  for (int i = 0; i < 200; ++i) {
    tasks.push_back([](std::shared_ptr<RedisClient> r, int* n) -> asio::awaitable<void> {
      auto c = r->Command({"INCR", "m"}, Clock::now() + milliseconds(1000));
      auto rep = co_await std::move(c);
      if (rep.ok()) ++*n;
    }(redis, &ok));
  }
  testing::RunAll(io, std::move(tasks));
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(server.Command({"GET", "m"}), "200");
}

TEST(RedisClient, HungIsATimeoutAtTheCommandTimeoutAndDownIsUnavailable) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  asio::io_context io;
  auto o = Options(server.port());
  o.command_timeout = milliseconds(30);
  auto redis = RedisClient::Create(io.get_executor(), o);
  ASSERT_TRUE(testing::RunCo(io, redis->Command({"PING"}, Clock::now() + milliseconds(500))).ok());
  // The caller's deadline is a hang guard (10 s): only the command timeout can end the call
  // before it.
  server.Pause();
  const auto guard = Clock::now() + std::chrono::seconds(10);
  auto hung = testing::RunCo(io, redis->Command({"PING"}, guard));
  ASSERT_FALSE(hung.ok());
  EXPECT_EQ(hung.error().code, ErrorCode::kDeadlineExceeded) << hung.error().message;
  EXPECT_TRUE(Clock::now() < guard) << "the call waited for the caller's deadline";
  // Down: refused at once as unavailable, never a timeout (which would mean it waited).
  server.Kill();
  for (int i = 0; i < 5; ++i) {
    auto down =
        testing::RunCo(io, redis->Command({"PING"}, Clock::now() + std::chrono::seconds(10)));
    ASSERT_FALSE(down.ok());
    EXPECT_EQ(down.error().code, ErrorCode::kUnavailable) << i << ": " << down.error().message;
  }
  ASSERT_TRUE(server.Start());
  // Reconnects on its own after the backoff.
  bool back = false;
  for (int i = 0; i < 100 && !back; ++i) {
    back = testing::RunCo(io, redis->Command({"PING"}, Clock::now() + milliseconds(200))).ok();
    if (!back) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(back);
}

TEST(RedisClient, PasswordAndDatabaseFromTheUrl) {
  testing::RedisServer server;
  ASSERT_TRUE(server.ok());
  ASSERT_EQ(server.Command({"CONFIG", "SET", "requirepass", "pw-1234"}), "OK");
  asio::io_context io;
  auto url = ParseRedisUrl("redis://:pw-1234@localhost:" + std::to_string(server.port()) + "/3");
  ASSERT_TRUE(url.ok());
  RedisClient::Options o;
  o.url = *url;
  auto redis = RedisClient::Create(io.get_executor(), o);
  auto set =
      testing::RunCo(io, redis->Command({"SET", "k", "v"}, Clock::now() + milliseconds(500)));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->str, "OK");
  auto wrong = ParseRedisUrl("redis://:nope@127.0.0.1:" + std::to_string(server.port()) + "/0");
  o.url = *wrong;
  auto bad = RedisClient::Create(io.get_executor(), o);
  auto r = testing::RunCo(io, bad->Command({"GET", "k"}, Clock::now() + milliseconds(500)));
  EXPECT_TRUE(!r.ok() || r->is_error());
}

}  // namespace
}  // namespace notecoder::cache
