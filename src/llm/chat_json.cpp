#include "llm/chat_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace notecoder::llm {
namespace json = boost::json;
namespace {

std::optional<json::value> Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

const json::object* Obj(const json::value* v) { return v != nullptr ? v->if_object() : nullptr; }

const json::object* FirstChoice(const json::object& root) {
  const auto* choices = root.if_contains("choices");
  const auto* arr = choices != nullptr ? choices->if_array() : nullptr;
  if (arr == nullptr || arr->empty()) return nullptr;
  return (*arr)[0].if_object();
}

std::string Str(const json::object* o, std::string_view key) {
  if (o == nullptr) return {};
  const auto* v = o->if_contains(key);
  const auto* s = v != nullptr ? v->if_string() : nullptr;
  return s != nullptr ? std::string(*s) : std::string();
}

Usage ReadUsage(const json::object& root) {
  Usage u;
  const auto* usage = Obj(root.if_contains("usage"));
  if (usage == nullptr) return u;
  const auto num = [&](std::string_view key) -> std::int64_t {
    const auto* v = usage->if_contains(key);
    if (v == nullptr) return 0;
    if (const auto* i = v->if_int64()) return *i;
    if (const auto* x = v->if_uint64()) return static_cast<std::int64_t>(*x);
    return 0;
  };
  u.prompt_tokens = num("prompt_tokens");
  u.completion_tokens = num("completion_tokens");
  u.reported = true;
  return u;
}

}  // namespace

std::string EncodeChatRequest(const ChatRequest& request, std::string_view model,
                              bool stream_usage) {
  json::object body;
  body["model"] = model;
  json::array messages;
  messages.reserve(request.messages.size());
  for (const auto& m : request.messages) {
    messages.push_back(json::object{{"role", m.role}, {"content", m.content}});
  }
  body["messages"] = std::move(messages);
  body["temperature"] = request.temperature;
  body["max_tokens"] = request.max_tokens;
  if (request.json_mode) body["response_format"] = json::object{{"type", "json_object"}};
  if (request.stream) {
    body["stream"] = true;
    if (stream_usage) body["stream_options"] = json::object{{"include_usage", true}};
  }
  return json::serialize(body);
}

std::optional<ChatResponse> DecodeChatResponse(std::string_view body) {
  auto v = Parse(body);
  const auto* root = v ? v->if_object() : nullptr;
  if (root == nullptr) return std::nullopt;
  const auto* choice = FirstChoice(*root);
  const auto* message = choice != nullptr ? Obj(choice->if_contains("message")) : nullptr;
  if (message == nullptr) return std::nullopt;
  const auto* content = message->if_contains("content");
  if (content == nullptr || !content->is_string()) return std::nullopt;
  ChatResponse r;
  r.content = std::string(content->get_string());
  r.finish_reason = Str(choice, "finish_reason");
  r.usage = ReadUsage(*root);
  return r;
}

std::optional<ChunkData> DecodeChunk(std::string_view data) {
  auto v = Parse(data);
  const auto* root = v ? v->if_object() : nullptr;
  if (root == nullptr) return std::nullopt;
  ChunkData c;
  if (root->contains("error")) {
    c.error = true;
    return c;
  }
  c.usage = ReadUsage(*root);
  if (const auto* choice = FirstChoice(*root)) {
    c.delta = Str(Obj(choice->if_contains("delta")), "content");
    c.finish_reason = Str(choice, "finish_reason");
  } else if (!c.usage.reported) {
    return std::nullopt;
  }
  return c;
}

}  // namespace notecoder::llm
