#include "cache/redis_url.hpp"

#include <charconv>

namespace notecoder::cache {
namespace {

bool ParseInt(std::string_view s, int lo, int hi, int& out) {
  int x = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc() || p != s.data() + s.size() || x < lo || x > hi) return false;
  out = x;
  return true;
}

Error Bad(const char* what) {
  return MakeError(
      ErrorCode::kInvalidArgument,
      std::string("REDIS_URL: expected redis://[:password@]host[:port][/db] (") + what + ")");
}

}  // namespace

std::string RedisUrl::Describe() const {
  std::string s = "redis://";
  if (!password.empty()) s += (user.empty() ? "" : user) + ":(masked)@";
  return s + host + ":" + std::to_string(port) + "/" + std::to_string(db);
}

Result<RedisUrl> ParseRedisUrl(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) return Bad("scheme must be redis://");
  std::string_view rest = url.substr(kScheme.size());
  RedisUrl out;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const std::string_view cred = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = cred.find(':');
    if (colon == std::string_view::npos) return Bad("credentials must be [user]:password");
    out.user = std::string(cred.substr(0, colon));
    out.password = std::string(cred.substr(colon + 1));
  }
  std::string_view hostport = rest;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    hostport = rest.substr(0, slash);
    const std::string_view db = rest.substr(slash + 1);
    if (!db.empty() && !ParseInt(db, 0, 65535, out.db)) return Bad("db must be a number");
  }
  if (const auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
    if (!ParseInt(hostport.substr(colon + 1), 1, 65535, out.port)) return Bad("bad port");
    hostport = hostport.substr(0, colon);
  }
  if (hostport.empty()) return Bad("missing host");
  out.host = std::string(hostport);
  return out;
}

}  // namespace notecoder::cache
