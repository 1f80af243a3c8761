#include "llm/agent_call.hpp"

namespace notecoder::llm {

const char* AgentName(AgentKind agent) {
  switch (agent) {
    case AgentKind::kParse:
      return "parse";
    case AgentKind::kSummarize:
      return "summarize";
    case AgentKind::kStructure:
      return "structure";
    case AgentKind::kBasics:
      return "basics";
  }
  return "other";
}

std::string WrapNote(std::string_view note) {
  std::string s = "<note>\n";
  s.append(note);
  s += "\n</note>";
  return s;
}

boost::asio::awaitable<CallResult<AgentAnswer<JsonAnswer>>> AskJson(ChatClient& client,
                                                                    AgentCall call,
                                                                    CallOptions options) {
  ChatRequest request;
  request.messages.push_back({"system", std::string(SystemPrompt(call.agent))});
  request.messages.push_back({"user", std::move(call.user)});
  request.max_tokens = call.max_tokens;
  request.json_mode = true;
  request.stream = call.stream;
  options.agent = AgentName(call.agent);
  auto complete = client.Complete(std::move(request), std::move(options));
  CallResult<ChatResponse> response = co_await std::move(complete);
  if (!response) co_return response.error();
  auto parsed = ParseJsonAnswer(response->content);
  if (!parsed) {
    co_return MakeCallError(CallErrorKind::kBadResponse,
                            std::string(AgentName(call.agent)) + ": the answer is not JSON");
  }
  AgentAnswer<JsonAnswer> out;
  out.repaired = parsed->repaired;
  out.value = std::move(*parsed);
  out.usage = response->usage;
  out.attempts = response->attempts;
  co_return out;
}

}  // namespace notecoder::llm
