#pragma once
// One client connection: read a request (bounded in size and time), admit it, call its route,
// write the reply, repeat while keep-alive holds.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "http/admission.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "infra/metrics.hpp"

namespace notecoder::http {

// What every connection of one server shares.
struct ConnectionContext {
  ConnectionContext(ServerOptions o, const Router& r, infra::Metrics& m)
      : options(std::move(o)),
        router(r),
        metrics(m),
        admission(options.limit_concurrency),
        api_keys(options.api_keys) {}
  virtual ~ConnectionContext() = default;
  // Called once per request that was read completely, after its reply is written.
  virtual void OnRequestDone() = 0;

  const ServerOptions options;
  const Router& router;
  infra::Metrics& metrics;
  Admission admission;
  const ApiKeys api_keys;
  std::atomic<std::size_t> active{0};  // requests read and not yet answered
  std::atomic<bool> draining{false};
};

boost::asio::awaitable<void> ServeConnection(boost::asio::ip::tcp::socket socket,
                                             std::shared_ptr<ConnectionContext> ctx);

}  // namespace notecoder::http
