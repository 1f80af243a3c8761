#include "api/predict_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>
#include <cctype>

namespace notecoder::api {
namespace {

namespace json = boost::json;

Error Bad(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

Status ParseOptions(const json::value& v, PredictOptions& out) {
  if (!v.is_object()) return Bad("\"options\" must be an object");
  for (const auto& [key, value] : v.as_object()) {
    if (key == "include_excluded") {
      if (!value.is_bool()) return Bad("\"options.include_excluded\" must be true or false");
      out.include_excluded = value.as_bool();
    } else if (key == "max_codes") {
      // A uint64 only appears above INT64_MAX, so it is out of range too.
      const std::int64_t n = value.is_int64() ? value.as_int64() : -1;
      if (n < 1 || n > 200) return Bad("\"options.max_codes\" must be an integer from 1 to 200");
      out.max_codes = static_cast<std::size_t>(n);
    } else if (key == "use_ml") {
      if (!value.is_bool()) return Bad("\"options.use_ml\" must be true or false");
      out.use_ml = value.as_bool();
    } else if (key == "use_llm") {
      if (!value.is_bool()) return Bad("\"options.use_llm\" must be true or false");
      out.use_llm = value.as_bool();
    } else {
      // The key is client text: name the allowed keys rather than echoing it.
      return Bad("unknown option; allowed: include_excluded, max_codes, use_ml, use_llm");
    }
  }
  return {};
}

}  // namespace

Result<PredictRequest> ParsePredictRequest(std::string_view body) {
  json::parse_options opts;
  opts.max_depth = kMaxJsonDepth;
  std::error_code ec;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) return Bad("the body is not valid JSON (UTF-8, depth at most 32)");
  if (!v.is_object()) return Bad("the body must be a JSON object");
  PredictRequest req;
  auto& obj = v.as_object();
  for (const auto& [key, value] : obj) {
    if (key == "note") {
      if (!value.is_string()) return Bad("\"note\" must be a string");
    } else if (key == "options") {
      if (!value.is_null()) {
        if (auto s = ParseOptions(value, req.options); !s.ok()) return s.error();
      }
    } else {
      return Bad("unknown field; allowed: note, options");
    }
  }
  auto* note = obj.if_contains("note");
  if (note == nullptr) return Bad("\"note\" is required");
  const auto& text = note->as_string();
  if (text.empty()) return Bad("\"note\" is empty");
  req.note.assign(text.data(), text.size());
  return req;
}

bool IsJsonMediaType(std::string_view content_type) {
  const auto semi = content_type.find(';');
  auto media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  if (media.size() != kJson.size()) return false;
  for (std::size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != kJson[i]) return false;
  }
  return true;
}

}  // namespace notecoder::api
