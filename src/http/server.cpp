#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "http/connection.hpp"
#include "infra/logging.hpp"

namespace notecoder::http {

namespace asio = boost::asio;
using asio::ip::tcp;
using DrainChannel = asio::experimental::concurrent_channel<void(boost::system::error_code)>;

struct Server::Impl : ConnectionContext {
  Impl(std::vector<asio::io_context*> contexts, ServerOptions o, const Router& r, infra::Metrics& m)
      : ConnectionContext{std::move(o), r, m},
        io(std::move(contexts)),
        ioc(*io.front()),
        acceptor(ioc),
        drained(ioc, 1) {}

  void OnRequestDone() override {
    if (active.fetch_sub(1) == 1 && draining.load()) drained.try_send(boost::system::error_code{});
  }

  const std::vector<asio::io_context*> io;
  asio::io_context& ioc;  // the listener's
  tcp::acceptor acceptor;
  std::size_t next = 0;  // the io_context of the next connection (accept loop only)
  DrainChannel drained;
};

namespace {

asio::awaitable<void> AcceptLoop(std::shared_ptr<Server::Impl> impl) {
  for (;;) {
    boost::system::error_code ec;
    asio::io_context& home = *impl->io[impl->next++ % impl->io.size()];
    tcp::socket socket =
        co_await impl->acceptor.async_accept(home, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !impl->acceptor.is_open()) co_return;
      // Out of file descriptors and the like: log, back off briefly, keep serving the others.
      infra::LogLine(spdlog::level::warn, "http", "accept_failed").Str("error", ec.message());
      asio::steady_timer pause(impl->ioc, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    const auto executor = socket.get_executor();
    asio::co_spawn(executor, ServeConnection(std::move(socket), impl), asio::detached);
  }
}

}  // namespace

Server::Server(std::vector<asio::io_context*> io, ServerOptions options, const Router& router,
               infra::Metrics& metrics)
    : impl_(std::make_shared<Impl>(std::move(io), std::move(options), router, metrics)) {}

Server::~Server() = default;

Result<unsigned short> Server::Listen() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return MakeError(ErrorCode::kInvalidArgument, "HOST: not an IP address");
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return MakeError(ErrorCode::kIo, "cannot listen on " + impl_->options.host + ":" +
                                         std::to_string(impl_->options.port) + ": " + ec.message());
  }
  return a.local_endpoint().port();
}

void Server::Start() { asio::co_spawn(impl_->ioc, AcceptLoop(impl_), asio::detached); }

void Server::StopAccepting() {
  impl_->draining = true;
  // Closing from the acceptor's own context avoids racing the pending async_accept.
  asio::post(impl_->ioc, [impl = impl_] {
    boost::system::error_code ec;
    impl->acceptor.close(ec);
  });
}

std::size_t Server::active_requests() const { return impl_->active.load(); }

asio::awaitable<std::size_t> Server::Drain(std::chrono::steady_clock::time_point deadline) {
  using namespace asio::experimental::awaitable_operators;
  impl_->draining = true;
  if (impl_->active.load() == 0) co_return 0;
  asio::steady_timer timer(co_await asio::this_coro::executor, deadline);
  co_await (impl_->drained.async_receive(asio::as_tuple(asio::use_awaitable)) ||
            timer.async_wait(asio::as_tuple(asio::use_awaitable)));
  co_return impl_->active.load();
}

}  // namespace notecoder::http
