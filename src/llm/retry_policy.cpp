#include "llm/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <string>

namespace notecoder::llm {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> Number(std::string_view s) {
  s = Trim(s);
  if (s.empty() || s.size() > 32) return std::nullopt;
  double x = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc() || p != s.data() + s.size() || !(x >= 0) || !std::isfinite(x)) {
    return std::nullopt;
  }
  return x;
}

// IMF-fixdate, the form RFC 9110 requires senders to use: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<std::chrono::system_clock::time_point> HttpDate(std::string_view s) {
  s = Trim(s);
  if (s.size() > 64) return std::nullopt;
  const std::string text(s);
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  const std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

Millis FromSeconds(double s) {
  // Clamp before converting: "1e300" must not overflow.
  return Millis(static_cast<long long>(std::min(s, 86400.0) * 1000.0));
}

}  // namespace

bool IsRetryableStatus(int status) {
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

std::optional<Millis> ParseRetryAfter(std::string_view retry_after, std::string_view retry_after_ms,
                                      std::chrono::system_clock::time_point now) {
  if (auto ms = Number(retry_after_ms)) return FromSeconds(*ms / 1000.0);
  if (auto s = Number(retry_after)) return FromSeconds(*s);
  if (auto date = HttpDate(retry_after)) {
    if (*date <= now) return Millis(0);
    return std::min(std::chrono::duration_cast<Millis>(*date - now), Millis(86400000));
  }
  return std::nullopt;
}

Millis BackoffDelay(const RetryPolicy& policy, int retry, std::optional<Millis> hint, double unit) {
  unit = std::clamp(unit, 0.0, 1.0);
  if (hint) {
    const Millis h = std::min(*hint, policy.max_retry_after);
    return h + Millis(static_cast<long long>(static_cast<double>(h.count()) * 0.1 * unit));
  }
  // base * 2^retry without overflow: stop doubling once past the cap.
  long long ceiling = policy.base.count();
  for (int i = 0; i < retry && ceiling < policy.cap.count(); ++i) ceiling *= 2;
  ceiling = std::min<long long>(ceiling, policy.cap.count());
  return Millis(static_cast<long long>(static_cast<double>(ceiling) * unit));
}

}  // namespace notecoder::llm
