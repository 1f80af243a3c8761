#pragma once
// A model's "JSON" answer made into a JSON object, or rejected. One local repair: code fences
// (```json ... ```) and prose around the outermost {...} are stripped. Nothing is re-asked: a
// repair round-trip would double the cost of a broken answer and rarely fixes it.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace notecoder::llm {

struct JsonAnswer {
  boost::json::object object;
  bool repaired = false;
};

// nullopt when no JSON object can be read from `text` (bounded by kMaxAnswerBytes).
std::optional<JsonAnswer> ParseJsonAnswer(std::string_view text);

inline constexpr std::size_t kMaxAnswerBytes = 1u << 20;

// The string member `key` of an answer's object; "" when absent or not a string, which the
// validators treat alike (a missing field).
std::string StringMember(const boost::json::object& o, std::string_view key);

}  // namespace notecoder::llm
