#pragma once
// POST /predict/coder's work when an LLM is configured: decoding, rules and the model on the CPU
// pool; then, when the note needs it (pipeline/difficulty.hpp) and the request allows it, the LLM
// stage on this (io) executor inside TIME_BUDGET_S; then encoding on the pool again. The LLM's
// waits are network waits, so no CPU thread is held while the provider thinks.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/service_context.hpp"
#include "infra/result.hpp"
#include "infra/safe_log_text.hpp"
#include "pipeline/engines.hpp"
#include "pipeline/stage_listener.hpp"

namespace notecoder::api {

// `body` is the request body; `note_digest` receives the note's log-safe digest once decoded.
boost::asio::awaitable<Result<std::string>> PredictWithLlm(
    ServiceContextPtr ctx, pipeline::Engines engines, std::shared_ptr<const std::string> body,
    std::chrono::steady_clock::time_point start, std::string request_id,
    std::optional<infra::SafeText>& note_digest, pipeline::StageListener on_stage = {},
    std::function<bool()> client_gone = {});

}  // namespace notecoder::api
