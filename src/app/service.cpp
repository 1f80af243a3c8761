#include "app/service.hpp"

#include <sys/resource.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "api/handlers.hpp"
#include "app/service_routes.hpp"
#include "app/warmup.hpp"
#include "cache/cache_setup.hpp"
#include "cache/caching_chat_client.hpp"
#include "cache/limited_chat_client.hpp"
#include "http/server.hpp"
#include "infra/core_dumps.hpp"
#include "infra/logging.hpp"
#include "llm/http_chat_client.hpp"

namespace notecoder::app {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using EngineResult = Result<pipeline::Engines>;

double ResidentMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

void Finish(api::Readiness& readiness, infra::Metrics& metrics, EngineResult result,
            Clock::time_point start) {
  const double seconds = SecondsSince(start);
  metrics.warmup_seconds().Set(seconds);
  if (!result.ok()) {
    readiness.SetFailed(result.error().message);
    infra::LogLine(spdlog::level::err, "app", "warmup_failed")
        .Str("error", result.error().message)
        .Num("warmup_ms", seconds * 1000);
    return;
  }
  const auto model = result->model;
  readiness.SetReady(std::move(*result));
  metrics.ready().Set(1);
  infra::LogLine line(spdlog::level::info, "app", "ready");
  line.Num("warmup_ms", seconds * 1000).Num("rss_mb", ResidentMb());
  if (model) {
    line.Str("model_fingerprint", model->Fingerprint())
        .Int("model_labels", model->LabelCount())
        .Int("model_features", model->FeatureCount());
  } else {
    line.Str("model", "none: rules only");
  }
}

asio::awaitable<void> BackgroundWarmup(WarmupOptions options, int delay_ms,
                                       api::ServiceContextPtr ctx) {
  if (delay_ms > 0) {
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(delay_ms));
    co_await t.async_wait(asio::use_awaitable);
  }
  const auto start = Clock::now();
  auto task = [options] { return Warmup(options); };
  auto result = co_await ctx->cpu.Run(std::move(task));
  Finish(ctx->readiness, ctx->metrics, std::move(result), start);
}

// Each open connection holds a file descriptor; the common soft limit (1024) would refuse
// connections long before memory runs out, so the soft limit is raised to the hard one. Returns
// the limit in force.
rlim_t RaiseFileLimit() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) return raised.rlim_cur;
  }
  return lim.rlim_cur;
}

using IoContexts = std::vector<std::unique_ptr<asio::io_context>>;

asio::awaitable<void> Shutdown(http::Server& server, api::Readiness& readiness,
                               std::chrono::milliseconds grace, IoContexts& io) {
  readiness.SetDraining();
  server.StopAccepting();
  infra::LogLine(spdlog::level::info, "app", "draining")
      .Int("active_requests", static_cast<std::int64_t>(server.active_requests()));
  const auto left = co_await server.Drain(Clock::now() + grace);
  infra::LogLine(left == 0 ? spdlog::level::info : spdlog::level::warn, "app", "stopped")
      .Int("requests_cut", static_cast<std::int64_t>(left));
  for (auto& ioc : io) ioc->stop();
}

http::Router Routes(const api::ServiceContextPtr& ctx) {
  return ServiceRoutes({.health = api::HealthHandler(ctx),
                        .ready = api::ReadyHandler(ctx),
                        .metrics = api::MetricsHandler(ctx),
                        .predict = api::PredictHandler(ctx),
                        .stream = api::StreamHandler(ctx),
                        .search = api::SearchHandler(ctx),
                        .code = api::CodeHandler(ctx),
                        .reload = api::ReloadHandler(ctx),
                        .web = api::WebHandler(ctx)});
}

}  // namespace

int RunService(const infra::Settings& s) {
  const auto process_start = Clock::now();
  infra::PinMathLibrariesToOneThread();
  infra::InitLogging(s.log_level);
  infra::SetLogHashKey(s.log_hash_key);
  // Before any note arrives: a core dump would hold notes, keys and cached results in clear.
  if (!s.allow_core_dumps) {
    if (const auto off = infra::DisableCoreDumps(); !off.ok()) {
      infra::LogLine(spdlog::level::critical, "app", "core_dumps_not_disabled")
          .Str("error", off.error().message);
      return 1;
    }
  }
  const auto file_limit = RaiseFileLimit();
  {
    const auto dumps = infra::ReadCoreDumpState();
    infra::LogLine line(spdlog::level::info, "app", "settings");
    for (const auto& [name, value] : infra::DescribeSettings(s)) line.Str(name, value);
    line.Int("open_files_limit", static_cast<std::int64_t>(file_limit))
        .Int("core_limit", static_cast<std::int64_t>(dumps.core_limit))
        .Int("dumpable", dumps.dumpable ? 1 : 0);
  }

  infra::Metrics metrics;
  api::Readiness readiness;
  // Admission bounds the requests in progress; the pool's own bound is a backstop above it
  // (+ room for warmup).
  infra::CpuPool cpu(s.cpu_workers, static_cast<std::size_t>(s.limit_concurrency) + 4, &metrics,
                     s.cpu_nice);
  // One single-threaded io_context per io thread (see http/server.hpp).
  IoContexts io;
  std::vector<asio::io_context*> io_ptrs;
  for (int i = 0; i < s.io_threads; ++i) {
    io.push_back(std::make_unique<asio::io_context>(1));
    io_ptrs.push_back(io.back().get());
  }
  asio::io_context& ioc = *io.front();

  // Caches and the global LLM limit (src/cache): Redis connections live on the first context.
  auto made = cache::MakeCacheServices(s, ioc.get_executor(), &metrics.registry());
  if (!made.ok()) {
    infra::LogLine(spdlog::level::critical, "app", "cache_config_invalid")
        .Str("error", made.error().message);
    return 1;
  }
  auto caches = std::make_shared<const cache::CacheServices>(std::move(*made));

  api::ServiceContext context{.readiness = readiness,
                              .cpu = cpu,
                              .metrics = metrics,
                              .wait_for_ready_s = s.wait_for_ready_s,
                              .load_model = {},
                              .admin_enabled = !s.api_keys.empty(),
                              .time_budget_s = s.time_budget_s,
                              .llm_basics_agent = s.llm_basics_agent,
                              .llm_model = s.llm_model,
                              .caches = caches};
  if (!s.model_path.empty()) {
    // A reload reads the same path: operators replace the file by rename (`notecoder train`
    // writes a temporary file and renames it), never in place.
    context.load_model = [&readiness, path = s.model_path]() {
      const auto rules = readiness.engine();
      if (!rules) {
        return Result<std::shared_ptr<const ml::Model>>(
            MakeError(ErrorCode::kUnavailable, "the code set is not loaded"));
      }
      return LoadModel(path, rules->book());
    };
  }
  // The LLM client lives as long as the process; warmup gives the agents the code set.
  std::unique_ptr<llm::HttpChatClient> llm_client;
  if (s.enable_llm) {
    auto client = llm::HttpChatClient::Create(llm::ClientConfigFrom(s), &metrics);
    if (!client.ok()) {
      infra::LogLine(spdlog::level::critical, "app", "llm_config_invalid")
          .Str("error", client.error().message);
      return 1;
    }
    llm_client = std::move(*client);
  }
  // What the agents call: the provider, under the cross-replica limit, behind the answer cache
  // (a cache hit takes no slot). Each layer is optional.
  llm::ChatClient* agents_client = llm_client.get();
  std::unique_ptr<cache::LimitedChatClient> limited_client;
  std::unique_ptr<cache::CachingChatClient> caching_client;
  if (agents_client != nullptr && caches->llm_limiter) {
    limited_client =
        std::make_unique<cache::LimitedChatClient>(*agents_client, caches->llm_limiter);
    agents_client = limited_client.get();
  }
  if (agents_client != nullptr && caches->llm) {
    caching_client = std::make_unique<cache::CachingChatClient>(
        *agents_client, caches->llm, caches->keys, caches->flights, caches->llm_ttl,
        llm::PromptVersion());
    agents_client = caching_client.get();
  }
  auto ctx = std::make_shared<const api::ServiceContext>(std::move(context));
  const http::Router router = Routes(ctx);

  const WarmupOptions warmup{s.codebook_path, !s.skip_warmup, s.model_path, s.model_required,
                             agents_client};
  if (!s.background_warmup) {
    if (s.warmup_delay_ms > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(s.warmup_delay_ms));
    const auto start = Clock::now();
    Finish(readiness, metrics, Warmup(warmup), start);
  }

  http::ServerOptions options;
  options.host = s.host;
  options.port = s.port;
  options.max_body_bytes = s.max_body_bytes;
  options.keepalive_timeout =
      std::chrono::milliseconds(static_cast<long long>(s.keepalive_timeout_s * 1000));
  options.request_timeout =
      std::chrono::milliseconds(static_cast<long long>(s.request_timeout_s * 1000));
  options.limit_concurrency = static_cast<std::size_t>(s.limit_concurrency);
  options.api_keys = s.api_keys;
  options.cors_allow_origins = s.cors_allow_origins;
  http::Server server(io_ptrs, options, router, metrics);
  const auto port = server.Listen();
  if (!port.ok()) {
    infra::LogLine(spdlog::level::critical, "app", "listen_failed")
        .Str("error", port.error().message);
    return 1;
  }
  server.Start();
  infra::LogLine(spdlog::level::info, "app", "listening")
      .Str("host", s.host)
      .Int("port", *port)
      .Num("startup_ms", SecondsSince(process_start) * 1000);
  if (s.background_warmup) {
    asio::co_spawn(ioc, BackgroundWarmup(warmup, s.warmup_delay_ms, ctx), asio::detached);
  }

  // SIGHUP reloads the model, as POST /admin/reload does.
  asio::signal_set hangup(ioc, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_hangup =
      [&](const boost::system::error_code& ec, int) {
        if (ec) return;
        infra::LogLine(spdlog::level::info, "app", "signal").Int("signal", SIGHUP);
        asio::co_spawn(
            ioc,
            [ctx]() -> asio::awaitable<void> {
              auto reload = api::ReloadModel(ctx);
              (void)co_await std::move(reload);  // logged and counted inside
            },
            asio::detached);
        hangup.async_wait(on_hangup);
      };
  hangup.async_wait(on_hangup);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  const auto grace = std::chrono::milliseconds(static_cast<long long>(s.shutdown_grace_s * 1000));
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    infra::LogLine(spdlog::level::info, "app", "signal").Int("signal", signal);
    hangup.cancel();
    asio::co_spawn(ioc, Shutdown(server, readiness, grace, io), asio::detached);
  });

  // The other contexts have no work until a connection arrives: a guard keeps them running.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < io.size(); ++i) {
    guards.push_back(asio::make_work_guard(*io[i]));
    threads.emplace_back([ctx = io[i].get()] { ctx->run(); });
  }
  ioc.run();
  for (auto& t : threads) t.join();
  cpu.Join();
  return 0;
}

}  // namespace notecoder::app
