#pragma once
// The body of POST /predict/coder: {"note": "...", "options": {...}}, decoded and validated.
// Error messages describe the shape of the request, never its content.
#include <cstddef>
#include <string>
#include <string_view>

#include "infra/result.hpp"

namespace notecoder::api {

struct PredictOptions {
  bool include_excluded = true;  // "include_excluded": list the mentions not coded, with reasons
  std::size_t max_codes = 200;   // "max_codes": 1..200, best first
  bool use_ml = true;            // "use_ml": false codes with the rules engine only
  bool use_llm = true;           // "use_llm": false never calls the LLM for this request
};

struct PredictRequest {
  std::string note;
  PredictOptions options;
};

inline constexpr std::size_t kMaxJsonDepth = 32;

Result<PredictRequest> ParsePredictRequest(std::string_view body);

// True for "application/json" with any parameters ("; charset=utf-8"), case-insensitively.
bool IsJsonMediaType(std::string_view content_type);

}  // namespace notecoder::api
