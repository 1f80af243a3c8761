#pragma once
// A real redis-server (Debian package) for tests: started on a free loopback port with no
// persistence, killed, paused or restarted on the same port, and inspected with hiredis's
// blocking API (tests only; the service never blocks on Redis).
#include <sys/types.h>

#include <string>
#include <vector>

namespace notecoder::testing {

int FreeLoopbackPort();

class RedisServer {
 public:
  RedisServer();  // starts at once; ok() tells whether it answered PING
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  bool ok() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }
  bool Start();  // on port(), waits until it answers PING (5 s at most)
  void Kill();   // SIGKILL and reap
  void Pause();  // SIGSTOP: the socket stays open, nothing answers
  void Resume();

  // One command over a fresh blocking connection: the reply as text ("(nil)", integers as digits,
  // arrays joined by '\n'); "(error) ..." on failure.
  std::string Command(const std::vector<std::string>& args) const;
  std::vector<std::string> Keys() const;  // every key (KEYS *; tests only)

 private:
  int port_;
  pid_t pid_ = -1;
};

}  // namespace notecoder::testing
