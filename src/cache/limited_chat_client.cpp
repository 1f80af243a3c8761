#include "cache/limited_chat_client.hpp"

#include <chrono>

namespace notecoder::cache {

boost::asio::awaitable<llm::CallResult<llm::ChatResponse>> LimitedChatClient::Complete(
    llm::ChatRequest request, llm::CallOptions options) {
  auto acquire = limiter_->Acquire(options.deadline);
  auto lease = co_await std::move(acquire);
  if (!lease.ok()) {
    llm::CallError e = llm::MakeCallError(llm::CallErrorKind::kRateLimited,
                                          "no global LLM slot before the deadline");
    e.retry_after = std::chrono::milliseconds(1000);
    co_return e;
  }
  auto call = inner_.Complete(std::move(request), std::move(options));
  auto result = co_await std::move(call);
  lease->Release();
  co_return result;
}

}  // namespace notecoder::cache
