#pragma once
// The types a route handler sees: a whole request read by the server, and the reply it returns.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <memory>
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
  // True once the client has closed or reset its connection (polled on the connection's
  // executor; reads nothing), so long work for a client that left can stop early.
  std::function<bool()> client_gone = {};
};

// The connection's side of a streamed reply (Server-Sent Events). Used only from the
// connection's executor, which is where a StreamBody runs.
class StreamWriter {
 public:
  virtual ~StreamWriter() = default;
  // Sends `data` as one chunk at once (bounded by the request timeout); false once the client is
  // gone or the write failed.
  virtual boost::asio::awaitable<bool> Write(std::string data) = 0;
  virtual bool client_gone() const = 0;
  // `f` runs on the connection's executor when the client closes or resets the connection (at
  // once when it already has): a stream stops its work there instead of at its next write.
  virtual void OnClientGone(std::function<void()> f) = 0;
};

// Produces a streamed body after the header is sent; the connection closes when it returns.
using StreamBody = std::function<boost::asio::awaitable<void>(std::shared_ptr<StreamWriter>)>;

struct Reply {
  Response response;
  std::optional<infra::SafeText> note;  // length + keyed hash for the access log
  std::string error_code;               // ErrorCodeName of a JSON error, for the access log
  // Set for a streamed reply: `response` then carries only the status and headers.
  StreamBody stream;
  // Held until a streamed reply ends (its admission ticket).
  std::shared_ptr<void> held;
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
