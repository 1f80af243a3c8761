#pragma once
// Headers every response carries: no MIME sniffing, no caching of answers that may carry
// note-derived data (a handler that sets its own Cache-Control, as the static page does, keeps
// it), no referrer. The Server header names the product only, never a version.
#include "http/message.hpp"

namespace notecoder::http {

inline constexpr const char* kServerName = "notecoder";

void SetSecurityHeaders(Response& res);

}  // namespace notecoder::http
