#include "api/llm_run.hpp"

#include "api/coding_response.hpp"
#include "api/coding_run.hpp"
#include "api/predict_request.hpp"
#include "pipeline/coder.hpp"
#include "pipeline/difficulty.hpp"
#include "pipeline/llm_refinement.hpp"

namespace notecoder::api {
namespace {

using Clock = std::chrono::steady_clock;

struct Work {
  PredictRequest request;
  pipeline::CodingResult result;
  infra::StageTimings timings;
  boost::json::object basics;  // the deterministic basics, as context for the LLM
};

}  // namespace

boost::asio::awaitable<Result<std::string>> PredictWithLlm(
    ServiceContextPtr ctx, pipeline::Engines engines, std::shared_ptr<const std::string> body,
    Clock::time_point start, std::string request_id, std::optional<infra::SafeText>& note_digest,
    pipeline::StageListener on_stage, std::function<bool()> client_gone) {
  auto first = [engines, body, ctx, &note_digest, on_stage]() -> Result<std::shared_ptr<Work>> {
    auto parsed = ParsePredictRequest(*body);
    if (!parsed.ok()) return parsed.error();
    note_digest = infra::SafeLogText(parsed->note);
    auto work = std::make_shared<Work>();
    work->request = std::move(*parsed);
    pipeline::CodeOptions options;
    options.use_model = work->request.options.use_ml;
    options.on_stage = on_stage;
    auto coded =
        pipeline::CodeNote(engines, work->request.note, options, &work->timings, &ctx->metrics);
    if (!coded.ok()) return coded.error();
    work->result = std::move(*coded);
    work->basics = EncodeBasics(work->result.rules.basics, work->request.note);
    return work;
  };
  auto coded = co_await ctx->cpu.Run(std::move(first));
  if (!coded.ok()) co_return coded.error();
  std::shared_ptr<Work> work = std::move(*coded);

  pipeline::CodingResult& result = work->result;
  result.llm.model = ctx->llm_model;
  if (!work->request.options.use_llm) {
    result.llm.skipped_reason = "disabled_by_request";
  } else if (const auto difficulty = pipeline::AssessDifficulty(result); !difficulty.needs_llm) {
    result.llm.skipped_reason = difficulty.reason;
  } else {
    pipeline::LlmStageOptions options;
    options.deadline =
        start + std::chrono::milliseconds(static_cast<long long>(ctx->time_budget_s * 1000));
    options.request_id = std::move(request_id);
    options.basics_agent = ctx->llm_basics_agent;
    options.on_stage = on_stage;
    options.client_gone = std::move(client_gone);
    auto refine = pipeline::RefineWithLlm(*engines.agents, engines.rules->book(),
                                          work->request.note, work->basics, result, options);
    co_await std::move(refine);
  }

  auto encode = [work, engines, start]() -> Result<std::string> {
    ApplyOptions(work->request.options, work->result);
    ResponseTimings rt;
    rt.analyze_and_rules_ms = work->timings["rules"];
    rt.ml_ms = work->timings["ml"];
    rt.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::string answer;
    WriteCodingResponse(answer, work->result, work->request.note, engines.rules->book(), rt);
    return answer;
  };
  co_return co_await ctx->cpu.Run(std::move(encode));
}

}  // namespace notecoder::api
