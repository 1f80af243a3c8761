#pragma once
// Keep-alive connections to the provider, plain or TLS. One pool per client (one host); idle
// connections are kept per io_context, because a socket belongs to the context it was opened
// on and a call must run on its caller's executor. Bounded: at most `max_idle` idle per context,
// each dropped after `idle_ttl` (servers close idle keep-alive connections on their own).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "llm/endpoint.hpp"

namespace notecoder::llm {

struct Connection {
  std::unique_ptr<boost::beast::tcp_stream> tcp;                            // plain http
  std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls;  // https
  boost::beast::flat_buffer buffer;  // bytes read past the last response
  std::chrono::steady_clock::time_point idle_since;
  bool reused = false;  // came from the pool: the server may have closed it meanwhile

  boost::beast::tcp_stream& lowest() { return tls ? tls->next_layer() : *tcp; }
};

struct ConnectResult {
  std::unique_ptr<Connection> connection;  // null on error
  boost::system::error_code error;
  const char* step = "";  // "resolve", "connect", "tls": for our own messages
};

class ConnectionPool {
 public:
  // `tls` is the verifying client context when the endpoint is https, else null.
  ConnectionPool(Endpoint endpoint, std::shared_ptr<boost::asio::ssl::context> tls,
                 std::size_t max_idle, std::chrono::seconds idle_ttl = std::chrono::seconds(20));

  // An idle connection of the caller's io_context, or a new one (resolve, connect, TLS handshake
  // with SNI and certificate + host-name verification) finished by `deadline`.
  boost::asio::awaitable<ConnectResult> Get(std::chrono::steady_clock::time_point deadline);
  // A connection whose last response was read in full and allows keep-alive.
  void Put(std::unique_ptr<Connection> c);

  const Endpoint& endpoint() const { return endpoint_; }
  std::size_t opened() const;  // connections ever opened (tests: keep-alive reuse)

 private:
  boost::asio::awaitable<ConnectResult> Open(boost::asio::any_io_executor ex,
                                             std::chrono::steady_clock::time_point deadline);

  const Endpoint endpoint_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  const std::size_t max_idle_;
  const std::chrono::seconds idle_ttl_;
  mutable std::mutex mutex_;
  std::map<const void*, std::vector<std::unique_ptr<Connection>>> idle_;  // by io_context
  std::size_t opened_ = 0;
};

// A client TLS context that verifies peers against the system trust store (TLS 1.2+).
std::shared_ptr<boost::asio::ssl::context> MakeVerifyingTlsContext(boost::system::error_code& ec);

}  // namespace notecoder::llm
