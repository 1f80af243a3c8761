#include "llm/json_answer.hpp"

#include <boost/json/parse.hpp>

namespace notecoder::llm {
namespace {

std::optional<boost::json::object> Object(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

}  // namespace

std::optional<JsonAnswer> ParseJsonAnswer(std::string_view text) {
  if (text.size() > kMaxAnswerBytes) return std::nullopt;
  if (auto o = Object(text)) return JsonAnswer{std::move(*o), false};
  // Fences and prose: the outermost braces hold the object the prompt asked for.
  const auto open = text.find('{');
  const auto close = text.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::nullopt;
  }
  if (auto o = Object(text.substr(open, close - open + 1))) return JsonAnswer{std::move(*o), true};
  return std::nullopt;
}

std::string StringMember(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  const auto* s = v != nullptr ? v->if_string() : nullptr;
  return s != nullptr ? std::string(*s) : std::string();
}

}  // namespace notecoder::llm
