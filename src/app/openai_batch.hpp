#pragma once
// The OpenAI Batch API file formats (platform.openai.com/docs/guides/batch), for the 24-hour
// batch discount:
//   request line: {"custom_id": "line-<N>", "method": "POST", "url": "/v1/chat/completions",
//                  "body": {chat-completions request}}
//   result line:  {"custom_id": "line-<N>", "response": {"status_code", "body"}, "error": ...}
// custom_id is the input line number, so ids need not be unique or safe to echo.
// The request is the `structure` agent's (prompts/v1/structure.md): the note, the basics, the
// rules + ML candidates and the rule context; its answer {"codes": [...], "structured": {...}}
// is merged into the batch record, every code checked against the code set.
#include <boost/json/object.hpp>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "codes/codebook.hpp"
#include "infra/result.hpp"

namespace notecoder::app {

std::string CustomId(std::size_t line);

// The user message of the structure request, built from the coded body (EncodeCodingResponse).
// The one place to change when the LLM pipeline's prompt builder lands.
std::string StructureUserMessage(std::string_view note, const boost::json::object& body);

// One request line (ending in '\n').
std::string OpenAiRequestLine(std::size_t line, std::string_view model, std::string_view prompt,
                              std::string_view note, const boost::json::object& body);

struct LlmAnswer {
  enum class Kind { kOk, kError, kBadResponse } kind = Kind::kOk;
  boost::json::object content;  // the model's JSON answer when kOk
};

struct LlmResults {
  std::map<std::size_t, LlmAnswer> by_line;
  std::size_t bad_lines = 0;  // result lines without a usable custom_id (reported on stderr)
};

// Reads a results file; bad lines are reported by number on `report` and counted.
Result<LlmResults> ReadOpenAiResults(const std::filesystem::path& path, std::FILE* report);

// Merges an answer into a coded body: valid billable codes join "codes" (source "llm"), unknown
// or non-billable ones become excluded mentions with reason invalid_code; no answer, a failed
// call or an unreadable answer marks the body degraded (llm_missing, llm_error,
// llm_bad_response) and keeps the rules + ML codes.
void MergeLlmAnswer(const LlmAnswer* answer, std::string_view note, const codes::Codebook& book,
                    boost::json::object& body);

}  // namespace notecoder::app
