#pragma once
// A small pool of hiredis async connections (redis_link.hpp) on one strand, with a deadline on
// every call. Callers await on their own executor; the commands run on the strand and the answer
// is posted back. Several commands given together go to one connection in one write
// (pipelining); concurrent callers sharing a connection are pipelined too.
//
//   auto redis = cache::RedisClient::Create(io.get_executor(), options);   // at start
//   auto call = redis->Command({"GET", key}, Clock::now() + 20ms);           // on any io thread
//   auto reply = co_await std::move(call);  // Result<RedisReply>: kUnavailable, kDeadlineExceeded
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cache/redis_link.hpp"
#include "cache/redis_reply.hpp"
#include "cache/redis_url.hpp"
#include "infra/result.hpp"

namespace notecoder::cache {

class RedisClient : public std::enable_shared_from_this<RedisClient> {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    RedisUrl url;
    int pool_size = 2;
    std::chrono::milliseconds connect_timeout{200};
    // Upper bound of one call whatever the caller's deadline: Redis answers loopback calls in
    // tens of microseconds, so a slower one is treated as down.
    std::chrono::milliseconds command_timeout{50};
    RedisLink::Options link{};
  };

  // `executor`: where the connections live; a strand is made over it, so any executor works
  // (the service's first io_context, or one of its own).
  static std::shared_ptr<RedisClient> Create(boost::asio::any_io_executor executor,
                                             Options options);
  ~RedisClient();

  // One command. An error reply ("-ERR ...") is a value with type kError, not an Error.
  boost::asio::awaitable<Result<RedisReply>> Command(std::vector<std::string> args,
                                                     Clock::time_point deadline);
  // Several commands on one connection in one write; replies in order.
  boost::asio::awaitable<Result<std::vector<RedisReply>>> Pipeline(
      std::vector<std::vector<std::string>> commands, Clock::time_point deadline);

  // Fails everything pending and drops the connections (the next call reconnects).
  void Close();
  const Options& options() const { return options_; }

 private:
  struct Op;
  RedisClient(boost::asio::any_io_executor strand, Options options);
  void Submit(std::shared_ptr<Op> op, std::vector<std::vector<std::string>> commands);

  boost::asio::any_io_executor strand_;
  const Options options_;
  std::vector<std::shared_ptr<RedisLink>> links_;  // touched on the strand only
  std::size_t next_ = 0;
};

}  // namespace notecoder::cache
