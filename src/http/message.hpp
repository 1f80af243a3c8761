#pragma once
// The types a route handler sees: a whole request read by the server, and the reply it returns.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <optional>
#include <string>

#include "infra/safe_log_text.hpp"

namespace notecoder::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

struct RequestInfo {
  std::string request_id;
  std::string path;        // without the query
  std::string query;       // after '?', undecoded
  std::string path_param;  // "{code}" of /codes/{code}
};

struct Reply {
  Response response;
  std::optional<infra::SafeText> note;  // length + keyed hash for the access log
  std::string error_code;               // ErrorCodeName of a JSON error, for the access log
};

// Handlers are coroutines: parameters by value, so nothing dangles across a co_await.
using Handler = std::function<boost::asio::awaitable<Reply>(Request, RequestInfo)>;

// A JSON reply with the given status.
inline Reply JsonReply(int status, std::string body) {
  Reply r;
  r.response.result(static_cast<unsigned>(status));
  r.response.set(beast_http::field::content_type, "application/json");
  r.response.body() = std::move(body);
  return r;
}

}  // namespace notecoder::http
