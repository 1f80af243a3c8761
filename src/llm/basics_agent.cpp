// Agents::Basics: the optional LLM basics; empty basics (degraded) on any failure.
#include "llm/agent_call.hpp"
#include "llm/agents.hpp"

namespace notecoder::llm {
namespace {

constexpr std::size_t kMaxDates = 20;
constexpr std::size_t kMaxField = 40;

}  // namespace

boost::asio::awaitable<LlmBasics> Agents::Basics(std::string note, CallOptions options) {
  AgentCall call;
  call.agent = AgentKind::kBasics;
  call.user = WrapNote(note);
  call.max_tokens = 256;
  auto ask = AskJson(client_, std::move(call), std::move(options));
  auto answer = co_await std::move(ask);
  LlmBasics out;
  if (!answer) {
    out.degraded = true;
    out.reason = CallErrorKindName(answer.error().kind);
    co_return out;
  }
  const auto& root = answer->value.object;
  if (const auto* age = root.if_contains("age_years"); age != nullptr && age->is_int64()) {
    const auto years = age->get_int64();
    if (years >= 0 && years <= 130) out.age_years = static_cast<int>(years);
  }
  if (const auto* sex = root.if_contains("sex"); sex != nullptr && sex->is_string()) {
    const auto s = sex->get_string();
    if (s == "female" || s == "male") out.sex = std::string(s);
  }
  if (const auto* dates = root.if_contains("dates"); dates != nullptr && dates->is_array()) {
    for (const auto& d : dates->get_array()) {
      const auto* o = d.if_object();
      if (o == nullptr || out.dates.size() >= kMaxDates) continue;
      const auto* kind = o->if_contains("kind");
      const auto* date = o->if_contains("date");
      if (kind == nullptr || date == nullptr || !kind->is_string() || !date->is_string()) continue;
      out.dates.push_back({std::string(kind->get_string().subview().substr(0, kMaxField)),
                           std::string(date->get_string().subview().substr(0, kMaxField))});
    }
  }
  co_return out;
}

}  // namespace notecoder::llm
