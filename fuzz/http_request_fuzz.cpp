// The HTTP request path up to a handler: bytes from a client, fed to Beast's request parser with
// the server's header and body limits in pieces (as reads deliver them), then the checks the
// connection and the handlers run on a parsed request: request id, target split, routing over
// the service's route table, API key, media type, the JSON decoder and the code parameter.
// Up to four pipelined requests per input, as keep-alive allows.
#include <algorithm>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "api/predict_request.hpp"
#include "app/service_routes.hpp"
#include "codes/codebook.hpp"
#include "fuzz_support.hpp"
#include "http/admission.hpp"
#include "http/request_head.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace {

namespace beast = boost::beast;
namespace http = notecoder::http;
using http::beast_http::verb;

// The service's own route table; its handlers are left empty, never called here.
const http::Router& Routes() {
  static const http::Router router = notecoder::app::ServiceRoutes({});
  return router;
}

// What the connection does with one parsed request, short of calling the handler.
void Check(http::Request& req) {
  using namespace notecoder;
  const std::string id = http::RequestId(req["X-Request-Id"]);
  FUZZ_CHECK(!id.empty() && id.size() <= 64);
  for (const char c : id) FUZZ_CHECK(c > ' ' && c < 0x7f && c != '"' && c != '\\');
  http::RequestInfo info;
  http::SplitTarget(req.target(), info);
  FUZZ_CHECK(info.path.find('?') == std::string::npos);
  FUZZ_CHECK(info.path.size() + info.query.size() <= req.target().size());
  const auto match = Routes().Find(req.method(), info.path);
  if (match.route == nullptr) return;
  FUZZ_CHECK(match.index < Routes().routes().size());
  if (match.route->guarded) {
    static const http::ApiKeys keys({"fuzz-key-1", "another-fuzz-key"});
    (void)keys.Allows(req[http::beast_http::field::authorization]);
  }
  if (match.route->method == verb::post && match.route->pattern.starts_with("/predict/")) {
    if (!api::IsJsonMediaType(req[http::beast_http::field::content_type])) return;
    auto parsed = api::ParsePredictRequest(req.body());
    if (parsed.ok()) FUZZ_CHECK(!parsed->note.empty());
  }
  if (match.route->pattern == "/codes/{code}") {
    FUZZ_CHECK(!match.param.empty() && match.param.find('/') == std::string::npos);
    if (auto code = codes::NormalizeCode(match.param); code) FUZZ_CHECK(code->size() <= 8);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte sets the read size (1..64 bytes per read); the rest is what the client sent.
  const std::size_t read_size = data[0] % 64 + 1;
  std::string_view wire(reinterpret_cast<const char*>(data) + 1, size - 1);
  const http::ServerOptions options;
  beast::flat_buffer buffer;
  for (int request = 0; request < 4; ++request) {
    http::beast_http::request_parser<http::beast_http::string_body> parser;
    // Small limits so the fuzzer reaches them; the server's own are checked in tests/http.
    parser.header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, 2048)));
    parser.body_limit(std::min<std::size_t>(options.max_body_bytes, 4096));
    boost::system::error_code ec;
    for (;;) {
      if (buffer.size() > 0) {
        const std::size_t used = parser.put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == http::beast_http::error::need_more) {
          ec = {};
        } else if (ec || parser.is_done()) {
          break;
        } else if (used > 0) {
          continue;
        }
      }
      if (wire.empty()) {
        parser.put_eof(ec);
        break;
      }
      const std::size_t n = std::min(read_size, wire.size());
      auto dest = buffer.prepare(n);
      std::memcpy(dest.data(), wire.data(), n);
      buffer.commit(n);
      wire.remove_prefix(n);
    }
    if (ec) {
      const http::HeaderRefusal r = http::RefusalFor(ec);
      FUZZ_CHECK(r.status == 400 || r.status == 413 || r.status == 431);
      return 0;
    }
    if (!parser.is_done()) return 0;
    http::Request req = parser.release();
    Check(req);
    if (!req.keep_alive()) return 0;
  }
  return 0;
}
