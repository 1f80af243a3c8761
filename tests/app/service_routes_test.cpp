#include "app/service_routes.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder::app {
namespace {

using http::beast_http::verb;

// Stands for one endpoint's handler, so a test can see which one a path reaches.
struct Tagged {
  std::string name;
  boost::asio::awaitable<http::Reply> operator()(http::Request, http::RequestInfo) const {
    co_return http::Reply{};
  }
};

TEST(ServiceRoutes, EachPathReachesItsHandlerBehindItsGuard) {
  const http::Router router = ServiceRoutes({.health = Tagged{"health"},
                                             .ready = Tagged{"ready"},
                                             .metrics = Tagged{"metrics"},
                                             .predict = Tagged{"predict"},
                                             .stream = Tagged{"stream"},
                                             .search = Tagged{"search"},
                                             .code = Tagged{"code"},
                                             .reload = Tagged{"reload"},
                                             .web = Tagged{"web"}});
  struct Case {
    verb method;
    const char* path;
    const char* handler;
    bool guarded;
  };
  const Case cases[] = {
      {verb::get, "/health", "health", false},
      {verb::get, "/ready", "ready", false},
      {verb::get, "/metrics", "metrics", false},
      {verb::post, "/predict/coder", "predict", true},
      {verb::post, "/predict/coder/stream", "stream", true},
      {verb::get, "/codes", "search", true},
      {verb::get, "/codes/E11.9", "code", true},
      {verb::post, "/admin/reload", "reload", true},
      {verb::get, "/", "web", false},
      {verb::get, "/web/app.js", "web", false},
  };
  for (const Case& c : cases) {
    const auto match = router.Find(c.method, c.path);
    ASSERT_NE(match.route, nullptr) << c.path;
    const auto* tag = match.route->handler.target<Tagged>();
    ASSERT_NE(tag, nullptr) << c.path;
    EXPECT_EQ(tag->name, c.handler) << c.path;
    EXPECT_EQ(match.route->guarded, c.guarded) << c.path;
  }
  EXPECT_EQ(router.routes().size(), std::size(cases));
}

// The fuzz target routes through the table with no handlers at all.
TEST(ServiceRoutes, RoutesWithoutHandlers) {
  const http::Router router = ServiceRoutes({});
  const auto match = router.Find(verb::get, "/codes/E11.9");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.param, "E11.9");
  EXPECT_FALSE(match.route->handler);
}

}  // namespace
}  // namespace notecoder::app
