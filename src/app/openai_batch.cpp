#include "app/openai_batch.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <cctype>

#include "api/json_text.hpp"
#include "api/json_writer.hpp"
#include "app/jsonl_reader.hpp"

namespace notecoder::app {

namespace json = boost::json;

constexpr std::string_view kIdPrefix = "line-";

std::string CustomId(std::size_t line) { return std::string(kIdPrefix) + std::to_string(line); }

std::string StructureUserMessage(std::string_view note, const json::object& body) {
  json::object msg;
  msg["note"] = note;
  msg["summary"] = nullptr;  // the summarize agent does not run in a batch export (yet)
  msg["basics"] = body.at("basics");
  json::array candidates;
  for (const auto& c : body.at("codes").as_array()) {
    const auto& o = c.as_object();
    candidates.push_back(json::object{{"code", o.at("code")},
                                      {"description", o.at("description")},
                                      {"score", o.at("score")},
                                      {"sources", o.at("sources")}});
  }
  msg["candidates"] = std::move(candidates);
  json::array context;
  for (const auto& e : body.at("excluded").as_array()) {
    const auto& o = e.as_object();
    context.push_back(
        json::object{{"text", o.at("text")}, {"reason", o.at("reason")}, {"code", o.at("code")}});
  }
  msg["rule_context"] = std::move(context);
  return api::WriteJson(msg);
}

std::string OpenAiRequestLine(std::size_t line, std::string_view model, std::string_view prompt,
                              std::string_view note, const json::object& body) {
  json::object req;
  req["model"] = model;
  req["temperature"] = 0;
  req["response_format"] = json::object{{"type", "json_object"}};
  req["messages"] =
      json::array{json::object{{"role", "system"}, {"content", prompt}},
                  json::object{{"role", "user"}, {"content", StructureUserMessage(note, body)}}};
  json::object out;
  out["custom_id"] = CustomId(line);
  out["method"] = "POST";
  out["url"] = "/v1/chat/completions";
  out["body"] = std::move(req);
  std::string text = api::WriteJson(out);
  text.push_back('\n');
  return text;
}

namespace {

std::optional<std::size_t> LineOf(std::string_view custom_id) {
  if (custom_id.substr(0, kIdPrefix.size()) != kIdPrefix) return std::nullopt;
  const auto digits = custom_id.substr(kIdPrefix.size());
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  std::size_t n = 0;
  for (const char c : digits) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n == 0 ? std::nullopt : std::optional<std::size_t>(n);
}

LlmAnswer AnswerOf(const json::object& line) {
  LlmAnswer a;
  const auto* error = line.if_contains("error");
  const auto* response = line.if_contains("response");
  if ((error != nullptr && !error->is_null()) || response == nullptr || !response->is_object()) {
    a.kind = LlmAnswer::Kind::kError;
    return a;
  }
  const auto* status = response->as_object().if_contains("status_code");
  if (status == nullptr || !status->is_int64() || status->as_int64() != 200) {
    a.kind = LlmAnswer::Kind::kError;
    return a;
  }
  a.kind = LlmAnswer::Kind::kBadResponse;
  const auto* body = response->as_object().if_contains("body");
  const auto* choices =
      body && body->is_object() ? body->as_object().if_contains("choices") : nullptr;
  if (choices == nullptr || !choices->is_array() || choices->as_array().empty()) return a;
  const auto& first = choices->as_array().front();
  const auto* message = first.is_object() ? first.as_object().if_contains("message") : nullptr;
  const auto* content =
      message && message->is_object() ? message->as_object().if_contains("content") : nullptr;
  if (content == nullptr || !content->is_string()) return a;
  std::error_code ec;
  json::value parsed = json::parse(content->as_string(), ec);
  if (ec || !parsed.is_object()) return a;
  a.kind = LlmAnswer::Kind::kOk;
  a.content = std::move(parsed.as_object());
  return a;
}

void Degrade(json::object& body, std::string_view reason) {
  body["degraded"] = true;
  auto& reasons = body["degraded_reasons"];
  if (!reasons.is_array()) reasons = json::array{};
  reasons.as_array().push_back(json::string(reason));
}

// Letters, digits and '.', at most 16: what a code can be; anything else is not echoed.
std::string SafeCode(std::string_view s) {
  std::string out;
  for (const char c : s.substr(0, 16)) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.') out.push_back(c);
  }
  return out;
}

json::value EvidenceSpan(std::string_view note, std::string_view quote) {
  if (quote.empty() || quote.size() > 400) return nullptr;
  const auto at = note.find(quote);
  if (at == std::string_view::npos) return nullptr;
  const api::CharOffsets chars(note);
  json::object o;
  o["start"] = chars.ToChar(static_cast<std::uint32_t>(at));
  o["end"] = chars.ToChar(static_cast<std::uint32_t>(at + quote.size()));
  o["text"] = quote;
  return o;
}

}  // namespace

Result<LlmResults> ReadOpenAiResults(const std::filesystem::path& path, std::FILE* report) {
  auto reader = JsonlReader::Open(path, 16u << 20);
  if (!reader.ok()) return reader.error();
  LlmResults out;
  JsonlLine line;
  while (reader->Next(line)) {
    if (line.text.find_first_not_of(" \t") == std::string::npos && !line.too_long) continue;
    std::error_code ec;
    json::value v = line.too_long ? json::value() : json::parse(line.text, ec);
    const auto* obj = ec ? nullptr : v.if_object();
    const auto* id = obj != nullptr ? obj->if_contains("custom_id") : nullptr;
    const auto n = id != nullptr && id->is_string() ? LineOf(id->as_string()) : std::nullopt;
    if (!n) {
      ++out.bad_lines;
      std::fprintf(report, "notecoder batch: results line %zu: no custom_id of the form line-N\n",
                   line.number);
      continue;
    }
    out.by_line[*n] = AnswerOf(*obj);
  }
  if (reader->failed()) return MakeError(ErrorCode::kIo, "cannot read " + path.string());
  return out;
}

void MergeLlmAnswer(const LlmAnswer* answer, std::string_view note, const codes::Codebook& book,
                    json::object& body) {
  if (answer == nullptr) return Degrade(body, "llm_missing");
  if (answer->kind == LlmAnswer::Kind::kError) return Degrade(body, "llm_error");
  const auto* codes = answer->content.if_contains("codes");
  if (answer->kind != LlmAnswer::Kind::kOk || codes == nullptr || !codes->is_array()) {
    return Degrade(body, "llm_bad_response");
  }
  auto& out_codes = body["codes"].as_array();
  auto& excluded = body["excluded"].as_array();
  for (const auto& item : codes->as_array()) {
    const auto* o = item.if_object();
    const auto* code = o != nullptr ? o->if_contains("code") : nullptr;
    if (code == nullptr || !code->is_string()) continue;
    const auto* ev = o->if_contains("evidence");
    const std::string_view quote = ev && ev->is_string() ? std::string_view(ev->as_string()) : "";
    const json::value span = EvidenceSpan(note, quote);
    const auto id = book.Find(code->as_string());
    if (!id || !book.IsBillable(*id)) {
      json::object x;
      x["start"] = span.is_object() ? span.at("start") : json::value(nullptr);
      x["end"] = span.is_object() ? span.at("end") : json::value(nullptr);
      x["text"] = span.is_object() ? span.at("text") : json::value(nullptr);
      x["reason"] = "invalid_code";
      x["code"] = SafeCode(code->as_string());
      x["description"] = "";
      x["section"] = "";
      x["source"] = "llm";
      excluded.push_back(std::move(x));
      continue;
    }
    const std::string_view canonical = book.Code(*id);
    bool merged = false;
    for (auto& c : out_codes) {
      auto& co = c.as_object();
      if (co.at("code").as_string() != canonical) continue;
      co["sources"].as_array().push_back("llm");
      merged = true;
      break;
    }
    if (merged) continue;
    json::object c;
    c["code"] = canonical;
    c["description"] = book.Title(*id);
    c["score"] = nullptr;
    c["billable"] = true;
    c["sources"] = json::array{"llm"};
    c["scores"] = json::object{};
    c["assertion"] = "present";
    c["section"] = "";
    c["evidence"] = span.is_object() ? json::array{span} : json::array{};
    const auto* why = o->if_contains("rationale");
    c["rationale"] = why && why->is_string() ? why->as_string() : json::string();
    out_codes.push_back(std::move(c));
  }
  if (const auto* s = answer->content.if_contains("structured"); s && s->is_object()) {
    body["structured"] = *s;
  }
  if (auto* engine = body.if_contains("engine"); engine && engine->is_object()) {
    auto& engines = engine->as_object()["engines"];
    if (engines.is_array()) engines.as_array().push_back("llm");
  }
}

}  // namespace notecoder::app
