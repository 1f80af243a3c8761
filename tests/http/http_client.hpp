#pragma once
// A blocking HTTP/1.1 client for tests (one request per connection unless a Connection is kept).
#include <map>
#include <string>

namespace notecoder::testing {

struct HttpResult {
  int status = 0;  // 0: no answer (connection refused/closed)
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  double ms = 0;
};

HttpResult Request(int port, const std::string& method, const std::string& target,
                   const std::string& body = {}, std::map<std::string, std::string> headers = {});
inline HttpResult Get(int port, const std::string& target) { return Request(port, "GET", target); }
HttpResult PostJson(int port, const std::string& target, const std::string& body);
// Sends raw bytes, half-closes, and returns whatever comes back until the server closes.
std::string RawExchange(int port, const std::string& bytes);

}  // namespace notecoder::testing
