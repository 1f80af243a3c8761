#include "http/cors.hpp"

namespace notecoder::http {
namespace {

constexpr std::string_view kAllowHeaders = "Authorization, Content-Type, X-Request-Id";
constexpr std::string_view kExposeHeaders = "X-Request-Id, X-Cache, Retry-After";
constexpr std::string_view kMaxAgeSeconds = "600";

}  // namespace

bool CorsPolicy::Allows(std::string_view origin) const {
  for (const auto& o : origins_) {
    if (o == origin) return true;
  }
  return false;
}

bool CorsPolicy::IsPreflight(const Request& req) {
  return req.method() == beast_http::verb::options &&
         req.find(beast_http::field::origin) != req.end() &&
         req.find(beast_http::field::access_control_request_method) != req.end();
}

Reply CorsPolicy::Preflight(std::string_view origin, std::string_view methods) const {
  Reply r;
  auto& res = r.response;
  res.result(beast_http::status::no_content);
  res.set(beast_http::field::access_control_allow_origin, origin);
  res.set(beast_http::field::access_control_allow_methods, methods);
  res.set(beast_http::field::access_control_allow_headers, kAllowHeaders);
  res.set(beast_http::field::access_control_max_age, kMaxAgeSeconds);
  res.set(beast_http::field::vary, "Origin");
  return r;
}

void CorsPolicy::Decorate(std::string_view origin, Response& res) const {
  if (!enabled()) return;
  res.set(beast_http::field::vary, "Origin");
  if (origin.empty() || !Allows(origin)) return;
  res.set(beast_http::field::access_control_allow_origin, origin);
  res.set(beast_http::field::access_control_expose_headers, kExposeHeaders);
}

}  // namespace notecoder::http
