#pragma once
// The LLM stage of one request, after rules and the model answered: parse ∥ basics →
// summarize(parsed) → structure(summary, basics, candidates, rule context), inside the request's
// time budget. Runs on the caller's (io) executor: every step is an async provider call, and the
// little CPU work in between (JSON of a few KB) is not worth a hop to the CPU pool.
//
// Whatever fails, the answer stays valid: the rules + model codes are kept, `degraded` is set
// and `degraded_reasons` names what was lost ("llm_timeout", "llm_rate_limited", ...). The LLM is
// the final judge of model-only codes (a model-only code it does not keep is moved to `excluded`
// with reason "llm_rejected"); codes with rules evidence stay; a code the LLM adds must be a valid
// billable code with a quote found in the note (llm/structure_validation.hpp).
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <string>

#include "codes/codebook.hpp"
#include "llm/agents.hpp"
#include "pipeline/coding_result.hpp"
#include "pipeline/stage_listener.hpp"

namespace notecoder::pipeline {

struct LlmStageOptions {
  llm::Clock::time_point deadline = llm::Clock::time_point::max();  // the request's budget
  std::string request_id;
  bool basics_agent = false;  // also ask the optional LLM basics agent (in parallel with parse)
  StageListener on_stage;     // told "parse", "summary" (+ deltas), "structure"; may be empty
  // True once the client has gone (a closed stream): the agent call in progress is cancelled
  // (its socket closed, its slot freed) and no further agent runs. Empty: never.
  std::function<bool()> client_gone;
};

// `basics_json` is the deterministic basics as the response encodes them (sent as context).
boost::asio::awaitable<void> RefineWithLlm(llm::Agents& agents, const codes::Codebook& book,
                                           std::string note, boost::json::object basics_json,
                                           CodingResult& result, LlmStageOptions options);

// The error kinds as degraded reasons: "llm_rate_limited", "llm_timeout", ...
std::string DegradedReason(const llm::CallError& error);

}  // namespace notecoder::pipeline
