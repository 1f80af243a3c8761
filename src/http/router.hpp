#pragma once
// The route table: method + path template -> handler, with the admission policy of each route.
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace notecoder::http {

struct Route {
  beast_http::verb method;
  std::string pattern;  // "/predict/coder", or "/codes/{code}" (one trailing parameter)
  Handler handler;
  bool guarded = true;  // API key + LIMIT_CONCURRENCY apply; false for /health, /ready, /metrics
};

struct RouteMatch {
  const Route* route = nullptr;  // null: see allow
  std::size_t index = 0;         // of `route` in Router::routes()
  std::string param;
  std::string allow;         // non-empty when the path exists with other methods (405)
  std::string_view pattern;  // the template the path matched (also for 405), for labels
};

class Router {
 public:
  void Add(Route route) { routes_.push_back(std::move(route)); }
  RouteMatch Find(beast_http::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace notecoder::http
