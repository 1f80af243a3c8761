#pragma once
// The narrow interface the agents (and the orchestrator's tests) see: one chat completion, as a
// coroutine on the caller's executor, ending by the caller's deadline, cancellable through the
// awaiting coroutine's cancellation slot. Implementations: HttpChatClient; fakes in tests.
#include <boost/asio/awaitable.hpp>
#include <string>

#include "llm/call_error.hpp"
#include "llm/chat_types.hpp"

namespace notecoder::llm {

class ChatClient {
 public:
  virtual ~ChatClient() = default;
  // Never throws: every failure is a CallError.
  virtual boost::asio::awaitable<CallResult<ChatResponse>> Complete(ChatRequest request,
                                                                    CallOptions options) = 0;
  virtual const std::string& model() const = 0;
};

}  // namespace notecoder::llm
