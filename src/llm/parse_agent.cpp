// Agents::Parse: note → findings, validated.
#include <array>
#include <boost/json/array.hpp>

#include "llm/agent_call.hpp"
#include "llm/agents.hpp"
#include "llm/evidence_match.hpp"
#include "llm/json_answer.hpp"

namespace notecoder::llm {
namespace {

constexpr std::size_t kMaxFindings = 200;
constexpr std::size_t kMaxItems = 100;
constexpr std::size_t kMaxText = 300;

bool KnownStatus(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kStatus = {
      "present", "negated", "historical", "family", "hypothetical", "uncertain"};
  for (const auto k : kStatus) {
    if (s == k) return true;
  }
  return false;
}

std::vector<std::string> Strings(const boost::json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  const auto* a = v != nullptr ? v->if_array() : nullptr;
  if (a == nullptr) return out;
  for (const auto& x : *a) {
    if (out.size() >= kMaxItems) break;
    if (const auto* s = x.if_string(); s != nullptr && !s->empty()) {
      out.emplace_back(s->subview().substr(0, kMaxText));
    }
  }
  return out;
}

}  // namespace

boost::asio::awaitable<CallResult<AgentAnswer<ParsedNote>>> Agents::Parse(std::string note,
                                                                          CallOptions options) {
  AgentCall call;
  call.agent = AgentKind::kParse;
  call.user = WrapNote(note);
  call.max_tokens = 2048;
  auto ask = AskJson(client_, std::move(call), std::move(options));
  auto answer = co_await std::move(ask);
  if (!answer) co_return answer.error();
  const auto& root = answer->value.object;
  const auto* findings = root.if_contains("findings");
  if (findings == nullptr || !findings->is_array()) {
    co_return MakeCallError(CallErrorKind::kBadResponse, "parse: no findings array");
  }
  AgentAnswer<ParsedNote> out;
  out.usage = answer->usage;
  out.attempts = answer->attempts;
  out.repaired = answer->repaired;
  for (const auto& f : findings->get_array()) {
    if (out.value.findings.size() >= kMaxFindings) break;
    const auto* o = f.if_object();
    if (o == nullptr) continue;
    Finding finding;
    finding.text = StringMember(*o, "text").substr(0, kMaxText);
    finding.status = StringMember(*o, "status");
    if (finding.text.empty() || !KnownStatus(finding.status)) continue;
    finding.evidence = StringMember(*o, "evidence").substr(0, kMaxQuoteBytes);
    finding.span = FindQuote(note, finding.evidence);
    out.value.findings.push_back(std::move(finding));
  }
  out.value.medications = Strings(root, "medications");
  out.value.procedures = Strings(root, "procedures");
  co_return out;
}

}  // namespace notecoder::llm
