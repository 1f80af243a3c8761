#include "http/request_head.hpp"

#include <boost/beast/http/error.hpp>
#include <cctype>
#include <random>

namespace notecoder::http {

std::string RequestId(std::string_view given) {
  bool plain = !given.empty() && given.size() <= 64;
  for (const char c : given) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' ||
                      c == '.' || c == ':');
  }
  if (plain) return std::string(given);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  auto x = rng();
  for (auto& c : id) {
    c = kHex[x & 15];
    x >>= 4;
  }
  return id;
}

void SplitTarget(std::string_view target, RequestInfo& info) {
  const auto q = target.find('?');
  info.path.assign(target.substr(0, q));
  if (q != std::string_view::npos) {
    info.query.assign(target.substr(q + 1));
  } else {
    info.query.clear();
  }
}

HeaderRefusal RefusalFor(const boost::system::error_code& ec) {
  if (ec == beast_http::error::body_limit) {
    return {413, ErrorCode::kResourceExhausted, "request body too large"};
  }
  if (ec == beast_http::error::header_limit) {
    return {431, ErrorCode::kInvalidArgument, "request headers too large"};
  }
  return {400, ErrorCode::kInvalidArgument, "malformed HTTP request"};
}

}  // namespace notecoder::http
