#pragma once
// POST /predict/coder through the whole-result cache (ENABLE_ML_CACHE): the same note with the
// same engines and options is coded once; later requests (on any replica sharing Redis) get the
// stored body. The key is an HMAC of the note, the model and code-set fingerprints, the LLM model
// and prompt version, and the options (cache/cache_key.hpp): no note text in a key. Identical
// requests in flight together run the work once (single flight). Degraded answers are never
// stored, so a provider outage does not outlive itself in the cache. A cached body's timings_ms
// are those of the request that computed it; the X-Cache header says hit or miss.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "api/service_context.hpp"
#include "infra/result.hpp"
#include "infra/safe_log_text.hpp"
#include "pipeline/engines.hpp"

namespace notecoder::api {

struct CachedAnswer {
  std::string body;
  bool hit = false;
};

boost::asio::awaitable<Result<CachedAnswer>> PredictCached(
    ServiceContextPtr ctx, pipeline::Engines engines, std::shared_ptr<const std::string> body,
    std::chrono::steady_clock::time_point start, std::string request_id,
    std::optional<infra::SafeText>& note_digest);

}  // namespace notecoder::api
