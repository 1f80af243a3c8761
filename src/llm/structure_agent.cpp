// Agents::Structure: summary + basics + candidates + rule context → validated final codes.
#include <boost/json/serialize.hpp>

#include "llm/agent_call.hpp"
#include "llm/agents.hpp"
#include "llm/structure_validation.hpp"

namespace notecoder::llm {
namespace {

std::string InputJson(const StructureInput& in) {
  boost::json::array candidates;
  for (std::size_t i = 0; i < in.candidates.size() && i < kMaxCandidates; ++i) {
    const auto& c = in.candidates[i];
    candidates.push_back(
        boost::json::object{{"code", c.code},
                            {"title", c.title},
                            {"score", std::round(c.score * 1000) / 1000},
                            {"sources", boost::json::array(c.sources.begin(), c.sources.end())}});
  }
  boost::json::array context;
  for (std::size_t i = 0; i < in.context.size() && i < kMaxContextLines; ++i) {
    context.push_back(boost::json::string(in.context[i]));
  }
  return boost::json::serialize(boost::json::object{{"note", in.note},
                                                    {"summary", in.summary},
                                                    {"basics", in.basics},
                                                    {"candidates", std::move(candidates)},
                                                    {"rule_context", std::move(context)}});
}

}  // namespace

boost::asio::awaitable<CallResult<AgentAnswer<StructureAnswer>>> Agents::Structure(
    StructureInput input, CallOptions options) {
  AgentCall call;
  call.agent = AgentKind::kStructure;
  call.user = InputJson(input);
  call.max_tokens = 2048;
  auto ask = AskJson(client_, std::move(call), std::move(options));
  auto answer = co_await std::move(ask);
  if (!answer) co_return answer.error();
  auto validated = ValidateStructure(answer->value.object, input, *codebook_);
  if (!validated) {
    co_return MakeCallError(CallErrorKind::kBadResponse, "structure: no codes array");
  }
  AgentAnswer<StructureAnswer> out;
  out.value = std::move(*validated);
  out.usage = answer->usage;
  out.attempts = answer->attempts;
  out.repaired = answer->repaired;
  co_return out;
}

}  // namespace notecoder::llm
