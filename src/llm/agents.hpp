#pragma once
// The LLM engine's agents over one ChatClient. Each is one chat completion with a versioned
// system prompt (prompts.hpp), JSON asked for and validated; failures are CallErrors, never
// exceptions. The orchestrator (src/pipeline) runs them inside the request's time budget:
//
//   llm::Agents agents(client, codebook);              // once, at start (client outlives it)
//   llm::CallOptions o;                                // per call
//   o.deadline = budget.deadline();                    // the request's remaining time
//   o.request_id = id;
//   auto parse = agents.Parse(note, o);                // name awaitables before co_await (g++ 12)
//   auto parsed = co_await std::move(parse);           // ∥ Basics via awaitable operators / spawn
//   if (!parsed) → degrade (parsed.error().kind: rate_limited → retry_after, timeout, ...)
//   o.on_delta = [&](std::string_view text) { sse.Send("summary", text); };   // optional
//   auto sum = agents.Summarize(parsed->value, o); ...
//   StructureInput in{note, summary, basics_json, candidates, context};
//   auto st = agents.Structure(std::move(in), o);      // codes validated
//   (structure_validation.hpp)
//
// Cancellation: cancel the awaiting coroutine (co_spawn with bind_cancellation_slot, or
// `||` of awaitable operators with a timer or a disconnect watcher); the call ends with
// kCancelled, its socket closed, its slot released.
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>

#include "codes/codebook.hpp"
#include "llm/agent_types.hpp"
#include "llm/call_error.hpp"
#include "llm/chat_client.hpp"
#include "llm/prompts.hpp"

namespace notecoder::llm {

inline constexpr std::size_t kMaxCandidates = 40;  // sent to the structure agent, best first
inline constexpr std::size_t kMaxContextLines = 60;

class Agents {
 public:
  Agents(ChatClient& client, std::shared_ptr<const codes::Codebook> codebook)
      : client_(client), codebook_(std::move(codebook)) {}

  // note → findings. Findings whose status is not one of the six are dropped; evidence spans
  // are located in the note (nullopt when the quote is not verbatim).
  boost::asio::awaitable<CallResult<AgentAnswer<ParsedNote>>> Parse(std::string note,
                                                                    CallOptions options);
  // findings → summary. With options.on_delta set the answer is streamed and on_delta receives
  // the decoded summary text as it is written (never JSON punctuation).
  boost::asio::awaitable<CallResult<AgentAnswer<Summary>>> Summarize(ParsedNote parsed,
                                                                     CallOptions options);
  // summary + basics + candidates + context → validated codes (see structure_validation.hpp).
  boost::asio::awaitable<CallResult<AgentAnswer<StructureAnswer>>> Structure(StructureInput input,
                                                                             CallOptions options);
  // Optional: note → basics. Never fails: on any error (429 included) returns empty basics with
  // degraded = true and the reason.
  boost::asio::awaitable<LlmBasics> Basics(std::string note, CallOptions options);

  static std::string Version() { return PromptVersion(); }

 private:
  ChatClient& client_;
  std::shared_ptr<const codes::Codebook> codebook_;
};

}  // namespace notecoder::llm
