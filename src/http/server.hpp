#pragma once
// The HTTP/1.1 server: an accept loop and one coroutine per connection on a few io threads.
// Keep-alive, header/body/idle timeouts, a body limit, admission control and API keys; handlers
// come from the Router. io threads never run CPU-heavy work: handlers hand it to the CPU pool.
// Each io thread runs its own io_context and owns the connections handed to it, so a connection
// needs no strand and the threads share no scheduler lock.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "http/admission.hpp"
#include "http/router.hpp"
#include "infra/metrics.hpp"
#include "infra/result.hpp"

namespace notecoder::http {

struct ServerOptions {
  std::string host = "0.0.0.0";
  int port = 8000;
  std::size_t max_body_bytes = 2u << 20;
  std::size_t max_header_bytes = 16u << 10;
  std::chrono::milliseconds keepalive_timeout{5000};  // idle connection and header read
  std::chrono::milliseconds request_timeout{30000};   // body read and response write
  std::size_t limit_concurrency = 64;
  std::vector<std::string> api_keys;
  std::vector<std::string> cors_allow_origins;  // empty: no CORS headers (see cors.hpp)
};

class Server {
 public:
  // `io`: one io_context per io thread (each run by exactly one thread). The listener lives on
  // the first; accepted connections are spread over all of them in turn.
  Server(std::vector<boost::asio::io_context*> io, ServerOptions options, const Router& router,
         infra::Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port (useful with port 0).
  Result<unsigned short> Listen();
  // Starts the accept loop on the io_context.
  void Start();
  // Closes the listener; open connections finish their current request and close.
  void StopAccepting();
  // Completes when no request is in progress, or at `deadline`. Returns the requests left.
  boost::asio::awaitable<std::size_t> Drain(std::chrono::steady_clock::time_point deadline);
  std::size_t active_requests() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;  // shared with every connection coroutine
};

}  // namespace notecoder::http
