#pragma once
// One client connection: read a request (bounded in size and time), admit it, call its route,
// write the reply, repeat while keep-alive holds.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <vector>

#include "http/admission.hpp"
#include "http/cors.hpp"
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
        api_keys(options.api_keys),
        cors(options.cors_allow_origins),
        unmatched_metrics(m.Route("unmatched")),
        unread_metrics(m.Route("unread")) {
    // Looked up once here, so a request only indexes a vector to record its duration.
    for (const auto& route : router.routes()) route_metrics.push_back(&m.Route(route.pattern));
  }
  virtual ~ConnectionContext() = default;
  // Called once per request that was read completely, after its reply is written.
  virtual void OnRequestDone() = 0;

  const ServerOptions options;
  const Router& router;
  infra::Metrics& metrics;
  Admission admission;
  const ApiKeys api_keys;
  const CorsPolicy cors;
  std::vector<infra::RouteMetrics*> route_metrics;  // by index in router.routes()
  infra::RouteMetrics& unmatched_metrics;           // 404
  infra::RouteMetrics& unread_metrics;              // requests refused before they were read
  std::atomic<std::size_t> active{0};               // requests read and not yet answered
  std::atomic<bool> draining{false};
};

// `socket` is bound to a single-threaded executor: the connection's coroutines need no strand.
boost::asio::awaitable<void> ServeConnection(boost::asio::ip::tcp::socket socket,
                                             std::shared_ptr<ConnectionContext> ctx);

}  // namespace notecoder::http
