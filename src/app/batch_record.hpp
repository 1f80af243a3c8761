#pragma once
// One line of `notecoder batch`: the input {"id": optional string or integer, "note": "..."}
// decoded, and the output record written for it:
//   {"line": N, "id": ..., <the POST /predict/coder body>}   coded
//   {"line": N, "id": ..., "error": {"code", "message"}}      a bad line (unless skipped)
// Messages describe the shape of a line, never its text: notes are PHI.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "infra/result.hpp"

namespace notecoder::app {

struct BatchInput {
  boost::json::value id;  // null when the line has none
  std::string note;
};

Result<BatchInput> ParseBatchLine(std::string_view text);

// The output line (ending in '\n') for a coded note; `body` is EncodeCodingResponse's object.
std::string CodedRecord(std::size_t line, const boost::json::value& id, boost::json::object body);
std::string ErrorRecord(std::size_t line, const boost::json::value& id, const Error& error);

}  // namespace notecoder::app
