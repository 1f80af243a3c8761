#include "pipeline/llm_refinement.hpp"

// g++ 12 reports the coroutine frame's own operator delete as mismatched with its operator new
// once awaitable operators are used in a coroutine (a false positive: asio pairs them itself).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <algorithm>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

namespace notecoder::pipeline {
namespace {

using namespace boost::asio::experimental::awaitable_operators;

double MsSince(llm::Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(llm::Clock::now() - start).count();
}

void Degrade(CodingResult& result, std::string reason) {
  result.degraded = true;
  if (std::find(result.degraded_reasons.begin(), result.degraded_reasons.end(), reason) ==
      result.degraded_reasons.end()) {
    result.degraded_reasons.push_back(std::move(reason));
  }
}

template <class T>
void Count(CodingResult& result, const llm::AgentAnswer<T>& answer) {
  result.llm.tokens_in += answer.usage.prompt_tokens;
  result.llm.tokens_out += answer.usage.completion_tokens;
}

// Polls `gone` until it says the client left; cancelled (by `||`) when the call ends first.
boost::asio::awaitable<void> WatchClient(const std::function<bool()>& gone) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  while (!gone()) {
    timer.expires_after(std::chrono::milliseconds(50));
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
}

// The agent call, unless the client goes away first: then the call is cancelled.
template <class T>
boost::asio::awaitable<llm::CallResult<T>> UnlessClientGone(
    boost::asio::awaitable<llm::CallResult<T>> call, const std::function<bool()>& gone) {
  if (!gone) co_return co_await std::move(call);
  auto watch = WatchClient(gone);
  auto raced = std::move(call) || std::move(watch);
  auto outcome = co_await std::move(raced);
  if (outcome.index() == 0) co_return std::move(std::get<0>(outcome));
  co_return llm::MakeCallError(llm::CallErrorKind::kCancelled, "the client went away");
}

// The basics call, unless the client goes away first: then empty basics, degraded "cancelled".
boost::asio::awaitable<llm::LlmBasics> BasicsUnlessClientGone(
    boost::asio::awaitable<llm::LlmBasics> call, const std::function<bool()>& gone) {
  if (!gone) co_return co_await std::move(call);
  auto watch = WatchClient(gone);
  auto raced = std::move(call) || std::move(watch);
  auto outcome = co_await std::move(raced);
  if (outcome.index() == 0) co_return std::move(std::get<0>(outcome));
  llm::LlmBasics cancelled;
  cancelled.degraded = true;
  cancelled.reason = std::string(llm::CallErrorKindName(llm::CallErrorKind::kCancelled));
  co_return cancelled;
}

std::vector<llm::Candidate> Candidates(const CodingResult& result) {
  std::vector<llm::Candidate> out;
  for (const FinalCode& c : result.codes) {
    if (out.size() >= llm::kMaxCandidates) break;
    llm::Candidate k;
    k.code = c.diagnosis.code;
    k.title = c.diagnosis.description;
    k.score = c.diagnosis.score;
    if (c.from_rules()) k.sources.push_back("rules");
    if (c.from_ml()) k.sources.push_back("ml");
    out.push_back(std::move(k));
  }
  return out;
}

// What the rules engine decided not to code, as short lines (codes and titles, no note text).
std::vector<std::string> RuleContext(const CodingResult& result) {
  std::vector<std::string> lines;
  for (const auto& e : result.rules.excluded) {
    if (lines.size() >= llm::kMaxContextLines) break;
    if (e.code.empty()) continue;
    lines.push_back(e.reason + ": " + e.code + " " + e.description);
  }
  return lines;
}

std::string Bounded(std::string text, std::size_t max) {
  if (text.size() > max) text.resize(max);
  return text;
}

void MergeStructure(const codes::Codebook& book, llm::StructureAnswer&& answer,
                    CodingResult& result) {
  for (llm::LlmCode& c : answer.codes) {
    const auto same = std::find_if(result.codes.begin(), result.codes.end(),
                                   [&](const FinalCode& f) { return f.diagnosis.code == c.code; });
    if (same != result.codes.end()) {
      same->from_llm = true;
      continue;
    }
    const auto id = book.Find(c.code);
    if (!id || !book.IsBillable(*id)) continue;  // validation already refused these
    FinalCode f;
    f.from_llm = true;
    f.diagnosis.code = std::string(book.Code(*id));
    f.diagnosis.description = std::string(book.Title(*id));
    f.diagnosis.score = 0.5;  // the LLM gives no probability; its evidence was checked
    f.diagnosis.assertion = nlp::Assertion::kPresent;
    if (c.evidence) {
      f.diagnosis.evidence.push_back(nlp::Span{static_cast<std::uint32_t>(c.evidence->start),
                                               static_cast<std::uint32_t>(c.evidence->end)});
    }
    f.diagnosis.rationale = "LLM: " + Bounded(std::move(c.rationale), 400);
    result.codes.push_back(std::move(f));
  }
  // The LLM is the judge of model-only suggestions; codes with rules evidence stay.
  for (auto it = result.codes.begin(); it != result.codes.end();) {
    if (it->from_rules() || it->from_llm) {
      ++it;
      continue;
    }
    rules::ExcludedMention x;
    x.reason = "llm_rejected";
    x.code = it->diagnosis.code;
    x.description = it->diagnosis.description;
    x.note = "model suggestion the LLM did not keep";
    result.rules.excluded.push_back(std::move(x));
    ++result.rules.excluded_total;
    it = result.codes.erase(it);
  }
  for (llm::ExcludedCode& x : answer.excluded) {
    rules::ExcludedMention e;
    e.reason = x.reason;
    e.code = Bounded(std::move(x.code), 16);
    e.note = Bounded(std::move(x.detail), 200);
    result.rules.excluded.push_back(std::move(e));
    ++result.rules.excluded_total;
  }
  if (!answer.structured.empty()) result.structured = std::move(answer.structured);
}

}  // namespace

std::string DegradedReason(const llm::CallError& error) {
  return std::string("llm_") + llm::CallErrorKindName(error.kind);
}

boost::asio::awaitable<void> RefineWithLlm(llm::Agents& agents, const codes::Codebook& book,
                                           std::string note, boost::json::object basics_json,
                                           CodingResult& result, LlmStageOptions options) {
  result.llm.used = true;
  result.llm.prompt_version = llm::Agents::Version();
  llm::CallOptions call;
  call.deadline = options.deadline;
  call.request_id = options.request_id;
  const auto tell = [&](std::string_view stage, double ms, std::string_view delta = {}) {
    if (!options.on_stage) return true;
    return options.on_stage(StageEvent{stage, result, ms, delta}) == StageControl::kContinue;
  };

  // parse ∥ basics
  auto start = llm::Clock::now();
  call.agent = "parse";
  llm::CallResult<llm::AgentAnswer<llm::ParsedNote>> parsed =
      llm::MakeCallError(llm::CallErrorKind::kCancelled, "not run");
  if (options.basics_agent) {
    llm::CallOptions basics_call = call;
    basics_call.agent = "basics";
    // Both raced against the client's departure, as the calls after them are.
    auto parse = UnlessClientGone(agents.Parse(note, call), options.client_gone);
    auto basics = BasicsUnlessClientGone(agents.Basics(note, basics_call), options.client_gone);
    auto both = std::move(parse) && std::move(basics);
    auto [p, b] = co_await std::move(both);
    parsed = std::move(p);
    if (b.degraded) {
      Degrade(result, "llm_basics_" + b.reason);
    } else {
      boost::json::object llm_basics;
      if (b.age_years) llm_basics["age"] = *b.age_years;
      if (!b.sex.empty()) llm_basics["sex"] = b.sex;
      if (!result.structured) result.structured.emplace();
      (*result.structured)["llm_basics"] = std::move(llm_basics);
    }
  } else {
    auto parse = UnlessClientGone(agents.Parse(note, call), options.client_gone);
    parsed = co_await std::move(parse);
  }
  result.llm.timings_ms["parse"] = MsSince(start);
  if (!parsed.ok()) {
    Degrade(result, DegradedReason(parsed.error()));
    co_return;  // nothing to summarize; rules + model stand
  }
  Count(result, parsed.value());
  if (!tell("parse", result.llm.timings_ms["parse"])) co_return;

  // summarize(parsed), streamed to listeners as it is written
  start = llm::Clock::now();
  call.agent = "summarize";
  if (options.on_stage) {
    call.on_delta = [&](std::string_view delta) { tell("summary", 0, delta); };
  }
  auto summarize = UnlessClientGone(agents.Summarize(parsed->value, call), options.client_gone);
  auto summary = co_await std::move(summarize);
  call.on_delta = nullptr;
  result.llm.timings_ms["summarize"] = MsSince(start);
  if (summary.ok()) {
    Count(result, summary.value());
    result.summary = summary->value.text;
  } else {
    Degrade(result, DegradedReason(summary.error()));
    if (summary.error().kind == llm::CallErrorKind::kCancelled ||
        llm::Clock::now() >= options.deadline) {
      co_return;
    }
  }
  if (!tell("summary", result.llm.timings_ms["summarize"])) co_return;

  // structure(summary, basics, candidates, rule context)
  start = llm::Clock::now();
  call.agent = "structure";
  llm::StructureInput input;
  input.note = std::move(note);
  input.summary = result.summary.value_or("");
  input.basics = std::move(basics_json);
  input.candidates = Candidates(result);
  input.context = RuleContext(result);
  auto structure = UnlessClientGone(agents.Structure(std::move(input), call), options.client_gone);
  auto structured = co_await std::move(structure);
  result.llm.timings_ms["structure"] = MsSince(start);
  if (!structured.ok()) {
    Degrade(result, DegradedReason(structured.error()));
    co_return;
  }
  Count(result, structured.value());
  MergeStructure(book, std::move(structured->value), result);
  tell("structure", result.llm.timings_ms["structure"]);
}

}  // namespace notecoder::pipeline
