#include "http/security_headers.hpp"

namespace notecoder::http {

void SetSecurityHeaders(Response& res) {
  res.set(beast_http::field::server, kServerName);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  if (res.find(beast_http::field::cache_control) == res.end()) {
    res.set(beast_http::field::cache_control, "no-store");
  }
}

}  // namespace notecoder::http
