// GET /codes/{code} and GET /codes?q=&limit=: code set look-ups.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "api/code_json.hpp"
#include "api/handlers.hpp"
#include "api/json_writer.hpp"

namespace notecoder::api {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding of one value ('+' is a space).
std::string Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() + 0 && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::optional<std::string> QueryParam(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (Decode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? std::string() : Decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

asio::awaitable<http::Reply> ShowCode(ServiceContextPtr ctx, http::RequestInfo info) {
  auto engine = ctx->readiness.engine();
  if (!engine) co_return NotReadyReply(ctx->readiness);
  const std::string code = Decode(info.path_param);
  auto task = [engine, code]() -> Result<std::string> {
    const auto& book = engine->book();
    const auto id = book.Find(code);
    if (!id) return MakeError(ErrorCode::kNotFound, "unknown code");
    return WriteJson(CodeJson(book, *id));
  };
  auto body = co_await ctx->cpu.Run(std::move(task));
  co_return body.ok() ? http::JsonReply(200, std::move(*body)) : ErrorReply(body.error());
}

asio::awaitable<http::Reply> Search(ServiceContextPtr ctx, http::RequestInfo info) {
  auto engine = ctx->readiness.engine();
  if (!engine) co_return NotReadyReply(ctx->readiness);
  const auto q = QueryParam(info.query, "q");
  if (!q || q->empty()) {
    co_return ErrorReply(MakeError(ErrorCode::kInvalidArgument, "query parameter q is required"));
  }
  if (q->size() > 1000) {
    co_return ErrorReply(MakeError(ErrorCode::kInvalidArgument, "q is longer than 1000 bytes"));
  }
  std::size_t limit = 10;
  if (const auto l = QueryParam(info.query, "limit")) {
    const auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
    if (ec != std::errc() || p != l->data() + l->size() || limit < 1 || limit > 200) {
      co_return ErrorReply(
          MakeError(ErrorCode::kInvalidArgument, "limit must be an integer from 1 to 200"));
    }
  }
  auto task = [engine, query = *q, limit]() -> Result<std::string> {
    const auto& book = engine->book();
    json::array results;
    for (const auto& hit : book.Search(query, limit)) {
      json::object o;
      o["code"] = book.Code(hit.id);
      o["title"] = book.Title(hit.id);
      o["billable"] = book.IsBillable(hit.id);
      o["score"] = hit.score;
      results.push_back(std::move(o));
    }
    json::object out;
    out["results"] = std::move(results);
    return WriteJson(out);
  };
  auto body = co_await ctx->cpu.Run(std::move(task));
  co_return body.ok() ? http::JsonReply(200, std::move(*body)) : ErrorReply(body.error());
}

}  // namespace

http::Handler CodeHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request, http::RequestInfo info) { return ShowCode(ctx, std::move(info)); };
}
http::Handler SearchHandler(ServiceContextPtr ctx) {
  return [ctx](http::Request, http::RequestInfo info) { return Search(ctx, std::move(info)); };
}

}  // namespace notecoder::api
