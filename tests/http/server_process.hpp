#pragma once
// Starts the built `notecoder serve` on a free loopback port (PORT=0; the port is read from the
// "listening" log line), captures its stdout/stderr in a file, and stops it with a signal.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

namespace notecoder::testing {

using ServerEnv = std::map<std::string, std::string>;

class ServerProcess {
 public:
  // `env` adds to / overrides the defaults (HOST=127.0.0.1, PORT=0, NOTECODER_CODEBOOK,
  // LOG_LEVEL=debug).
  explicit ServerProcess(std::map<std::string, std::string> env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  int pid() const { return pid_; }
  bool started() const { return port_ > 0; }
  // Polls GET /ready until 200 or the deadline.
  bool WaitReady(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  void Signal(int sig);
  // Waits for exit; returns the exit status, or -1 on timeout/killed by a signal.
  int WaitExit(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  std::string Log() const;  // everything written to stdout and stderr so far

 private:
  pid_t pid_ = -1;
  int exit_status_ = -1;  // when the process already exited
  int port_ = 0;
  std::filesystem::path log_path_;
};

}  // namespace notecoder::testing
