#include "app/batch_record.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include "api/error_body.hpp"
#include "api/json_writer.hpp"
#include "api/predict_request.hpp"

namespace notecoder::app {

namespace json = boost::json;

Result<BatchInput> ParseBatchLine(std::string_view text) {
  const auto bad = [](const char* message) {
    return MakeError(ErrorCode::kInvalidArgument, message);
  };
  json::parse_options opts;
  opts.max_depth = api::kMaxJsonDepth;
  std::error_code ec;
  json::value v = json::parse(text, ec, {}, opts);
  if (ec) return bad("the line is not valid JSON (UTF-8, depth at most 32)");
  if (!v.is_object()) return bad("the line must be a JSON object");
  auto& obj = v.as_object();
  BatchInput in;
  if (const auto* id = obj.if_contains("id")) {
    if (!id->is_string() && !id->is_int64() && !id->is_uint64() && !id->is_null()) {
      return bad("\"id\" must be a string or an integer");
    }
    if (id->is_string() && id->as_string().size() > 256) return bad("\"id\" is longer than 256");
    in.id = *id;
  }
  const auto* note = obj.if_contains("note");
  if (note == nullptr) return bad("\"note\" is required");
  if (!note->is_string()) return bad("\"note\" must be a string");
  if (note->as_string().empty()) return bad("\"note\" is empty");
  in.note.assign(note->as_string().data(), note->as_string().size());
  return in;
}

namespace {

std::string Finish(json::object record) {
  std::string out = api::WriteJson(record);
  out.push_back('\n');
  return out;
}

json::object Head(std::size_t line, const json::value& id) {
  json::object o;
  o["line"] = line;
  o["id"] = id;
  return o;
}

}  // namespace

std::string CodedRecord(std::size_t line, const json::value& id, json::object body) {
  json::object o = Head(line, id);
  for (auto& [key, value] : body) o[key] = std::move(value);
  return Finish(std::move(o));
}

std::string ErrorRecord(std::size_t line, const json::value& id, const Error& error) {
  json::object o = Head(line, id);
  json::object body = api::EncodeError(error);
  o["error"] = std::move(body["error"]);
  return Finish(std::move(o));
}

}  // namespace notecoder::app
