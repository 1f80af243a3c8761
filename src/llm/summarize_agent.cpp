// Agents::Summarize: findings → summary, streamed as decoded text when the caller wants deltas.
#include <boost/json/serialize.hpp>

#include "llm/agent_call.hpp"
#include "llm/agents.hpp"
#include "llm/summary_streamer.hpp"

namespace notecoder::llm {
namespace {

constexpr std::size_t kMaxSummaryBytes = 8000;

std::string FindingsJson(const ParsedNote& parsed) {
  boost::json::array findings;
  for (const auto& f : parsed.findings) {
    findings.push_back(boost::json::object{{"text", f.text}, {"status", f.status}});
  }
  boost::json::array meds(parsed.medications.begin(), parsed.medications.end());
  boost::json::array procs(parsed.procedures.begin(), parsed.procedures.end());
  return boost::json::serialize(boost::json::object{{"findings", std::move(findings)},
                                                    {"medications", std::move(meds)},
                                                    {"procedures", std::move(procs)}});
}

}  // namespace

boost::asio::awaitable<CallResult<AgentAnswer<Summary>>> Agents::Summarize(ParsedNote parsed,
                                                                           CallOptions options) {
  AgentCall call;
  call.agent = AgentKind::kSummarize;
  call.user = FindingsJson(parsed);
  call.max_tokens = 512;
  if (options.on_delta) {
    call.stream = true;
    auto streamer = std::make_shared<SummaryStreamer>();
    options.on_delta = [streamer, forward = std::move(options.on_delta)](std::string_view piece) {
      const std::string text = streamer->Feed(piece);
      if (!text.empty()) forward(text);
    };
  }
  auto ask = AskJson(client_, std::move(call), std::move(options));
  auto answer = co_await std::move(ask);
  if (!answer) co_return answer.error();
  const auto* s = answer->value.object.if_contains("summary");
  if (s == nullptr || !s->is_string() || s->get_string().empty()) {
    co_return MakeCallError(CallErrorKind::kBadResponse, "summarize: no summary text");
  }
  AgentAnswer<Summary> out;
  out.value.text = std::string(s->get_string().subview().substr(0, kMaxSummaryBytes));
  out.usage = answer->usage;
  out.attempts = answer->attempts;
  out.repaired = answer->repaired;
  co_return out;
}

}  // namespace notecoder::llm
