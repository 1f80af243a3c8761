#include "http/router.hpp"

namespace notecoder::http {
namespace {

// Matches `path` against `pattern`; a trailing "{name}" takes one non-empty path segment.
bool Matches(std::string_view pattern, std::string_view path, std::string& param) {
  const auto brace = pattern.find('{');
  if (brace == std::string_view::npos) return pattern == path;
  const auto prefix = pattern.substr(0, brace);
  if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  const auto rest = path.substr(prefix.size());
  if (rest.find('/') != std::string_view::npos) return false;
  param.assign(rest);
  return true;
}

}  // namespace

RouteMatch Router::Find(beast_http::verb method, std::string_view path) const {
  RouteMatch m;
  std::string param;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& r = routes_[i];
    if (!Matches(r.pattern, path, param)) continue;
    if (m.pattern.empty()) m.pattern = r.pattern;
    if (r.method == method ||
        (method == beast_http::verb::head && r.method == beast_http::verb::get)) {
      if (m.route == nullptr) {
        m.route = &r;
        m.index = i;
        m.pattern = r.pattern;
        m.param = std::move(param);
      }
      continue;
    }
    const auto name = beast_http::to_string(r.method);
    if (m.allow.find(name) == std::string::npos) {
      if (!m.allow.empty()) m.allow += ", ";
      m.allow.append(name.data(), name.size());
    }
  }
  return m;
}

}  // namespace notecoder::http
