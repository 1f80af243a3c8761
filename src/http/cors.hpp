#pragma once
// CORS, off unless CORS_ALLOW_ORIGINS lists origins. Only an exact listed origin is ever echoed in
// Access-Control-Allow-Origin (never "*"), and no credentials flag is sent: the API's key travels
// in the Authorization header, which a preflight must allow explicitly.
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace notecoder::http {

class CorsPolicy {
 public:
  // `origins` are exact origins, validated by the settings (infra::IsExactOrigin).
  explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}

  bool enabled() const { return !origins_.empty(); }
  bool Allows(std::string_view origin) const;

  // A browser's preflight: OPTIONS with Origin and Access-Control-Request-Method.
  static bool IsPreflight(const Request& req);

  // The answer to a preflight from an allowed origin for a path served with `methods`
  // ("GET, POST"): 204 with what may be sent and for how long the answer may be reused.
  Reply Preflight(std::string_view origin, std::string_view methods) const;

  // Marks a reply for a request from `origin` (empty when the request had none): Vary: Origin
  // whenever CORS is on (caches must not share answers across origins), and the allow headers
  // when the origin is listed.
  void Decorate(std::string_view origin, Response& res) const;

 private:
  std::vector<std::string> origins_;
};

}  // namespace notecoder::http
