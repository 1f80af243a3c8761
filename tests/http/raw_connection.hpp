#pragma once
// A raw loopback TCP client for fault tests: partial requests, slow senders, pipelining, resets.
// Every call is bounded by a timeout, so no test can hang on a server that stops answering.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace notecoder::testing {

using Millis = std::chrono::milliseconds;

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; `receive_buffer` > 0 sets SO_RCVBUF first (a client that reads
  // slowly). ok() is false when the connection failed.
  explicit RawConnection(int port, int receive_buffer = 0);
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  RawConnection& operator=(RawConnection&&) = delete;

  bool ok() const { return fd_ >= 0; }
  // Sends all of `bytes`; false when the peer closed or `timeout` passed first.
  bool Send(std::string_view bytes, Millis timeout = Millis(2000));
  // Reads until `done(data)` holds, the peer closes, or `timeout` passes; returns what was read.
  template <class Done>
  std::string ReceiveUntil(Done done, Millis timeout) {
    std::string data;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done(data) && ReadSome(data, deadline)) {
    }
    return data;
  }
  // Everything until the peer closes (or `timeout`).
  std::string ReceiveAll(Millis timeout);
  // Sends `bytes` while reading the answer, until the peer closes or `timeout` passes: the
  // server may answer (and close) before it has read everything.
  std::string Exchange(std::string_view bytes, Millis timeout);
  // True when the peer closed the connection (EOF or reset) within `timeout`; data is dropped.
  bool WaitClosed(Millis timeout);
  // Closes at once with a reset (SO_LINGER 0) instead of a FIN.
  void Reset();
  // Half-close: no more bytes from us.
  void ShutdownSend();

 private:
  // Appends available bytes; false on EOF, error or deadline.
  bool ReadSome(std::string& data, std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
};

struct ParsedResponse {
  int status = 0;
  std::string request_id;  // X-Request-Id
  std::string body;
};
// The HTTP/1.1 response at the front of `data`, parsed as far as the bytes go.
struct FrontResponse {
  ParsedResponse response;  // status and request id once the head is in; body once complete
  bool head_done = false;
  bool complete = false;
  std::size_t size = 0;  // bytes of `data` read into it
};
FrontResponse ParseFrontResponse(std::string_view data);
// Splits a byte stream into the HTTP/1.1 responses it holds, in order (HEAD answers excluded).
std::vector<ParsedResponse> ParseResponses(std::string_view data);

// Value of a Prometheus sample line "<name> <value>" in a /metrics body; -1 when absent.
double MetricValue(const std::string& metrics, const std::string& name);

// VmRSS of a process in MB (0 when unreadable).
double ResidentMb(int pid);

// Raises this process's soft RLIMIT_NOFILE to at least `wanted` (up to the hard limit); returns
// the soft limit in force.
long RaiseOpenFileLimit(long wanted);

}  // namespace notecoder::testing
