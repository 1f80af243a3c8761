#pragma once
// What every agent does around its own validation: system prompt + user message → one chat
// completion → a JSON object (repaired once, or kBadResponse).
#include <boost/asio/awaitable.hpp>
#include <string>

#include "llm/agent_types.hpp"
#include "llm/call_error.hpp"
#include "llm/chat_client.hpp"
#include "llm/json_answer.hpp"
#include "llm/prompts.hpp"

namespace notecoder::llm {

struct AgentCall {
  AgentKind agent = AgentKind::kParse;
  std::string user;  // the user message
  int max_tokens = 1024;
  bool stream = false;
};

boost::asio::awaitable<CallResult<AgentAnswer<JsonAnswer>>> AskJson(ChatClient& client,
                                                                    AgentCall call,
                                                                    CallOptions options);

// "<note>\n...\n</note>": the delimiters the prompts refer to.
std::string WrapNote(std::string_view note);

}  // namespace notecoder::llm
