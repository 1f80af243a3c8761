#pragma once
// One mapping from our errors to the JSON error body {"error":{"code","message"}}.
#include <boost/json/object.hpp>

#include "infra/result.hpp"

namespace notecoder::api {

boost::json::object EncodeError(const Error& error);
// The HTTP status an error maps to (400 bad input, 404, 413, 503, 500 ...).
int HttpStatusFor(ErrorCode code);

}  // namespace notecoder::api
