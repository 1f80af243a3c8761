#include "llm/call_error.hpp"

namespace notecoder::llm {

const char* CallErrorKindName(CallErrorKind kind) {
  switch (kind) {
    case CallErrorKind::kRateLimited:
      return "rate_limited";
    case CallErrorKind::kTimeout:
      return "timeout";
    case CallErrorKind::kCancelled:
      return "cancelled";
    case CallErrorKind::kProviderError:
      return "provider_error";
    case CallErrorKind::kBadResponse:
      return "bad_response";
    case CallErrorKind::kConfigError:
      return "config_error";
  }
  return "provider_error";
}

Error ToError(const CallError& e) {
  std::string message = std::string("llm ") + CallErrorKindName(e.kind);
  if (!e.message.empty()) message += ": " + e.message;
  switch (e.kind) {
    case CallErrorKind::kTimeout:
      return MakeError(ErrorCode::kDeadlineExceeded, std::move(message));
    case CallErrorKind::kConfigError:
      return MakeError(ErrorCode::kInternal, std::move(message));
    default:
      return MakeError(ErrorCode::kUnavailable, std::move(message));
  }
}

}  // namespace notecoder::llm
