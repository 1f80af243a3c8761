#include "llm/connection_pool.hpp"

#include <openssl/ssl.h>

#include <boost/asio/execution/context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace notecoder::llm {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

namespace {

const void* ContextKey(const asio::any_io_executor& ex) {
  return &asio::query(ex, asio::execution::context);
}

bool IsIpLiteral(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

std::shared_ptr<asio::ssl::context> MakeVerifyingTlsContext(boost::system::error_code& ec) {
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1,
                   ec);
  if (!ec) ctx->set_default_verify_paths(ec);
  if (!ec) ctx->set_verify_mode(asio::ssl::verify_peer, ec);
  return ec ? nullptr : ctx;
}

ConnectionPool::ConnectionPool(Endpoint endpoint, std::shared_ptr<asio::ssl::context> tls,
                               std::size_t max_idle, std::chrono::seconds idle_ttl)
    : endpoint_(std::move(endpoint)),
      tls_(std::move(tls)),
      max_idle_(max_idle),
      idle_ttl_(idle_ttl) {}

std::size_t ConnectionPool::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

asio::awaitable<ConnectResult> ConnectionPool::Get(std::chrono::steady_clock::time_point deadline) {
  auto ex = co_await asio::this_coro::executor;
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Connection>> stale;  // closed outside the lock
  std::unique_ptr<Connection> found;
  {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(ContextKey(ex));
    if (it != idle_.end()) {
      auto& list = it->second;
      while (!list.empty() && found == nullptr) {
        auto c = std::move(list.back());  // the most recently used is the least likely closed
        list.pop_back();
        if (now - c->idle_since < idle_ttl_) {
          found = std::move(c);
        } else {
          stale.push_back(std::move(c));
        }
      }
    }
  }
  if (found != nullptr) {
    found->reused = true;
    co_return ConnectResult{std::move(found), {}, ""};
  }
  auto open = Open(ex, deadline);
  co_return co_await std::move(open);
}

void ConnectionPool::Put(std::unique_ptr<Connection> c) {
  if (c == nullptr) return;
  const void* key = ContextKey(c->lowest().get_executor());
  c->idle_since = std::chrono::steady_clock::now();
  c->lowest().expires_never();
  std::unique_ptr<Connection> dropped;
  std::lock_guard lock(mutex_);
  auto& list = idle_[key];
  if (list.size() < max_idle_) {
    list.push_back(std::move(c));
  } else {
    dropped = std::move(c);  // destroyed (closed) after the lock is released
  }
}

asio::awaitable<ConnectResult> ConnectionPool::Open(
    asio::any_io_executor ex, std::chrono::steady_clock::time_point deadline) {
  ConnectResult r;
  boost::system::error_code ec;
  tcp::resolver resolver(ex);
  // The system resolver cannot be cancelled per operation; an IP literal skips it entirely.
  auto resolve = resolver.async_resolve(endpoint_.host, endpoint_.port,
                                        asio::redirect_error(asio::use_awaitable, ec));
  auto results = co_await std::move(resolve);
  if (ec) {
    r.error = ec;
    r.step = "resolve";
    co_return r;
  }
  auto c = std::make_unique<Connection>();
  if (tls_ != nullptr) {
    c->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ex, *tls_);
  } else {
    c->tcp = std::make_unique<beast::tcp_stream>(ex);
  }
  c->lowest().expires_at(deadline);
  auto connect = c->lowest().async_connect(results, asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(connect);
  if (ec) {
    r.error = ec;
    r.step = "connect";
    co_return r;
  }
  c->lowest().socket().set_option(tcp::no_delay(true), ec);
  if (c->tls) {
    // SNI is for names only (RFC 6066); the certificate is checked against the host either way.
    if (!IsIpLiteral(endpoint_.host) &&
        SSL_set_tlsext_host_name(c->tls->native_handle(), endpoint_.host.c_str()) != 1) {
      r.error = asio::error::invalid_argument;
      r.step = "tls";
      co_return r;
    }
    c->tls->set_verify_callback(asio::ssl::host_name_verification(endpoint_.host));
    auto handshake = c->tls->async_handshake(asio::ssl::stream_base::client,
                                             asio::redirect_error(asio::use_awaitable, ec));
    co_await std::move(handshake);
    if (ec) {
      r.error = ec;
      r.step = "tls";
      co_return r;
    }
  }
  {
    std::lock_guard lock(mutex_);
    ++opened_;
  }
  r.connection = std::move(c);
  co_return r;
}

}  // namespace notecoder::llm
