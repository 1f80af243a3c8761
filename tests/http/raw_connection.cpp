#include "http/raw_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cerrno>
#include <cstdlib>
#include <fstream>

namespace notecoder::testing {
namespace {

using Clock = std::chrono::steady_clock;

int RemainingMs(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

RawConnection::RawConnection(int port, int receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  if (receive_buffer > 0) {
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  }
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // A loopback connect completes at once or fails (the listener's backlog is large).
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

RawConnection::RawConnection(RawConnection&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

bool RawConnection::Send(std::string_view bytes, Millis timeout) {
  const auto deadline = Clock::now() + timeout;
  while (fd_ >= 0 && !bytes.empty()) {
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, RemainingMs(deadline)) <= 0) return false;
    // MSG_NOSIGNAL: a server that already closed must fail the send, not kill the test.
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return fd_ >= 0;
}

bool RawConnection::ReadSome(std::string& data, Clock::time_point deadline) {
  if (fd_ < 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, RemainingMs(deadline)) <= 0) return false;
  char buf[16384];
  const auto n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
  if (n < 0) return errno == EAGAIN || errno == EINTR;
  if (n == 0) return false;
  data.append(buf, static_cast<std::size_t>(n));
  return true;
}

std::string RawConnection::ReceiveAll(Millis timeout) {
  return ReceiveUntil([](const std::string&) { return false; }, timeout);
}

std::string RawConnection::Exchange(std::string_view bytes, Millis timeout) {
  std::string data;
  const auto deadline = Clock::now() + timeout;
  bool sending = true;
  while (fd_ >= 0 && RemainingMs(deadline) > 0) {
    pollfd p{fd_, static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, RemainingMs(deadline)) <= 0) break;
    if ((p.revents & POLLOUT) != 0 && sending) {
      const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) bytes.remove_prefix(static_cast<std::size_t>(n));
      if (n < 0 && errno != EAGAIN && errno != EINTR) sending = false;  // the server closed
      if (bytes.empty()) sending = false;
    }
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      char buf[16384];
      const auto n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
      if (n > 0) data.append(buf, static_cast<std::size_t>(n));
    }
  }
  return data;
}

bool RawConnection::WaitClosed(Millis timeout) {
  const auto deadline = Clock::now() + timeout;
  while (fd_ >= 0) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, RemainingMs(deadline)) <= 0) return false;
    char buf[4096];
    const auto n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
  }
  return false;
}

void RawConnection::Reset() {
  if (fd_ < 0) return;
  const linger l{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  ::close(fd_);
  fd_ = -1;
}

void RawConnection::ShutdownSend() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

FrontResponse ParseFrontResponse(std::string_view data) {
  namespace http = boost::beast::http;
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(64u << 20);
  boost::system::error_code ec;
  FrontResponse out;
  while (!parser.is_done() && out.size < data.size()) {
    const auto n =
        parser.put(boost::asio::buffer(data.data() + out.size, data.size() - out.size), ec);
    if (ec || n == 0) break;  // need_more included: the response is cut short
    out.size += n;
  }
  if (parser.is_header_done()) {
    out.head_done = true;
    out.response.status = static_cast<int>(parser.get().result_int());
    out.response.request_id = std::string(parser.get()["X-Request-Id"]);
  }
  if (parser.is_done()) {
    out.complete = true;
    out.response.body = std::move(parser.get().body());
  }
  return out;
}

std::vector<ParsedResponse> ParseResponses(std::string_view data) {
  std::vector<ParsedResponse> out;
  while (!data.empty()) {
    auto front = ParseFrontResponse(data);
    if (!front.complete) break;  // a partial response at the end
    out.push_back(std::move(front.response));
    data.remove_prefix(front.size);
  }
  return out;
}

double MetricValue(const std::string& metrics, const std::string& name) {
  const std::string key = "\n" + name + " ";
  const auto at = metrics.find(key);
  if (at == std::string::npos) return -1;
  return std::strtod(metrics.c_str() + at + key.size(), nullptr);
}

double ResidentMb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return 0;
}

long RaiseOpenFileLimit(long wanted) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
  if (static_cast<long>(lim.rlim_cur) < wanted) {
    lim.rlim_cur = std::min<rlim_t>(static_cast<rlim_t>(wanted), lim.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &lim);
    ::getrlimit(RLIMIT_NOFILE, &lim);
  }
  return static_cast<long>(lim.rlim_cur);
}

}  // namespace notecoder::testing
