#include "api/error_body.hpp"

namespace notecoder::api {

boost::json::object EncodeError(const Error& error) {
  boost::json::object inner;
  inner["code"] = ErrorCodeName(error.code);
  inner["message"] = error.message;
  boost::json::object body;
  body["error"] = std::move(inner);
  return body;
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kResourceExhausted:
      return 413;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kDeadlineExceeded:
      return 504;
    case ErrorCode::kDataLoss:
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace notecoder::api
