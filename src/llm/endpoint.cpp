#include "llm/endpoint.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace notecoder::llm {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Error Bad(const char* why) {
  return MakeError(ErrorCode::kInvalidArgument, std::string("LLM_BASE_URL: ") + why);
}

}  // namespace

Result<Endpoint> ParseEndpoint(std::string_view base_url) {
  auto parsed = boost::urls::parse_absolute_uri(base_url);
  if (!parsed) return Bad("expected an absolute http:// or https:// URL");
  const boost::urls::url_view& u = *parsed;
  Endpoint e;
  const std::string scheme(u.scheme());
  if (scheme == "https") {
    e.tls = true;
  } else if (scheme != "http") {
    return Bad("the scheme must be http or https");
  }
  e.host = std::string(u.host_address());
  if (e.host.empty()) return Bad("the URL has no host");
  if (u.has_userinfo()) return Bad("credentials belong in LLM_API_KEY, not in the URL");
  const std::string default_port = e.tls ? "443" : "80";
  e.port = u.has_port() && !u.port().empty() ? std::string(u.port()) : default_port;
  const bool ipv6 = u.host_type() == boost::urls::host_type::ipv6;
  e.host_header = ipv6 ? "[" + e.host + "]" : e.host;
  if (e.port != default_port) e.host_header += ":" + e.port;

  std::string path(u.encoded_path());
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (EndsWith(path, "/chat/completions")) {
    e.target = path;
  } else if (EndsWith(path, "/v1")) {
    e.target = path + "/chat/completions";
  } else {
    e.target = path + "/v1/chat/completions";
  }
  if (u.has_query()) e.target += "?" + std::string(u.encoded_query());
  e.azure = EndsWith(e.host, ".azure.com");
  return e;
}

}  // namespace notecoder::llm
