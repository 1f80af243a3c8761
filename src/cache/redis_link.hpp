#pragma once
// One hiredis async connection driven by our Asio loop (the adapter hiredis leaves to the event
// library): hiredis states read/write interest through its ev hooks, we wait for readiness on an
// asio::posix::stream_descriptor over its fd (never reading or closing the fd ourselves) and call
// redisAsyncHandleRead/Write. Commands sent before the previous replies arrive are pipelined on
// the socket. Everything runs on one serial executor (the client's strand); not thread-safe.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cache/redis_reply.hpp"
#include "cache/redis_url.hpp"

struct redisAsyncContext;

namespace notecoder::cache {

class RedisLink : public std::enable_shared_from_this<RedisLink> {
 public:
  using Clock = std::chrono::steady_clock;
  // nullopt: the connection was lost or closed before the reply came.
  using ReplyFn = std::function<void(std::optional<RedisReply>)>;

  struct Options {
    std::chrono::milliseconds connect_timeout{200};
    // A connection with replies owed and none received for this long is dropped (Redis hung).
    std::chrono::milliseconds stall_timeout{1000};
    std::size_t max_pending = 1024;  // commands owed a reply, then Send refuses
  };

  RedisLink(boost::asio::any_io_executor strand, RedisUrl url, Options options);
  ~RedisLink();
  RedisLink(const RedisLink&) = delete;
  RedisLink& operator=(const RedisLink&) = delete;

  // True when Send would accept a command now (not backing off after a failure, not full).
  bool Usable(Clock::time_point now);
  // Queues one command, connecting first when needed. `fn` is called exactly once, on the
  // strand, unless Send returns false (call Usable first).
  bool Send(std::vector<std::string> args, ReplyFn fn);
  // Frees the connection: everything pending gets nullopt.
  void Close();

  std::size_t pending() const { return pending_; }
  bool connected() const { return state_ == State::kReady; }

 private:
  enum class State { kIdle, kResolving, kConnecting, kReady };

  void StartConnect();
  void Connect(const std::string& ip);
  void SendNow(std::vector<std::string> args, ReplyFn fn);
  void Failed();  // a connect or a connection failed: back off before the next attempt
  void ArmRead();
  void ArmWrite();

  static void OnReply(redisAsyncContext* ac, void* reply, void* privdata);
  static void OnConnect(const redisAsyncContext* ac, int status);
  static void AddRead(void* p);
  static void DelRead(void* p);
  static void AddWrite(void* p);
  static void DelWrite(void* p);
  static void Cleanup(void* p);

  boost::asio::any_io_executor strand_;
  const RedisUrl url_;
  const Options options_;
  State state_ = State::kIdle;
  redisAsyncContext* ac_ = nullptr;
  std::optional<boost::asio::posix::stream_descriptor> fd_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer connect_timer_;
  std::uint64_t generation_ = 0;  // bumped per connection: stale completions are ignored
  bool reading_ = false, writing_ = false, read_armed_ = false, write_armed_ = false;
  std::size_t pending_ = 0;
  Clock::time_point last_progress_{};
  Clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_{25};
  // Commands waiting for the host name to resolve (hiredis itself buffers while connecting).
  std::vector<std::pair<std::vector<std::string>, ReplyFn>> queued_;
};

}  // namespace notecoder::cache
