#pragma once
// The checks the connection runs on a request once Beast has parsed its header, kept apart from
// the socket code so the fuzz target (fuzz/http_request_fuzz.cpp) runs exactly these.
#include <boost/system/error_code.hpp>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "infra/result.hpp"

namespace notecoder::http {

// A client's X-Request-Id when it is a plain token (1..64 of [A-Za-z0-9-_.:]); otherwise a new
// random id, so a header cannot smuggle arbitrary text into the logs.
std::string RequestId(std::string_view given);

// Path (without the query) and query (after '?', undecoded) of a request target.
void SplitTarget(std::string_view target, RequestInfo& info);

// The answer to a request whose header or body could not be read: too large a body or header,
// or not HTTP at all.
struct HeaderRefusal {
  int status;
  ErrorCode code;
  const char* message;
};
HeaderRefusal RefusalFor(const boost::system::error_code& ec);

}  // namespace notecoder::http
