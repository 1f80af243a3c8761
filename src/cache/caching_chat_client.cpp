#include "cache/caching_chat_client.hpp"

#include <cstdint>

namespace notecoder::cache {
namespace {

void Put(std::string& out, std::string_view field) {
  const std::uint32_t n = static_cast<std::uint32_t>(field.size());
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(field);
}

bool Take(std::string_view& in, std::string& field) {
  if (in.size() < 4) return false;
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<unsigned char>(in[i]);
  in.remove_prefix(4);
  if (in.size() < n) return false;
  field.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

// The stored value: finish_reason, content (length-prefixed).
std::string Encode(const llm::ChatResponse& r) {
  std::string out;
  Put(out, r.finish_reason);
  Put(out, r.content);
  return out;
}

std::optional<llm::ChatResponse> Decode(std::string_view in) {
  llm::ChatResponse r;
  if (!Take(in, r.finish_reason) || !Take(in, r.content) || !in.empty()) return std::nullopt;
  r.attempts = 0;  // no provider call
  return r;
}

constexpr auto kLookupBound = std::chrono::milliseconds(50);

}  // namespace

CachingChatClient::CachingChatClient(llm::ChatClient& inner, std::shared_ptr<Cache> cache,
                                     std::shared_ptr<const KeyMaker> keys,
                                     std::shared_ptr<SingleFlight> flights,
                                     std::chrono::milliseconds ttl, std::string prompt_version)
    : inner_(inner),
      cache_(std::move(cache)),
      keys_(std::move(keys)),
      flights_(std::move(flights)),
      ttl_(ttl),
      prompt_version_(std::move(prompt_version)) {}

std::string CachingChatClient::CanonicalPrompt(const llm::ChatRequest& request) {
  std::string out;
  for (const auto& m : request.messages) {
    Put(out, m.role);
    Put(out, m.content);
  }
  Put(out, std::to_string(request.temperature));
  Put(out, std::to_string(request.max_tokens));
  Put(out, request.json_mode ? "json" : "text");
  return out;
}

boost::asio::awaitable<llm::CallResult<llm::ChatResponse>> CachingChatClient::Complete(
    llm::ChatRequest request, llm::CallOptions options) {
  CacheKey key = keys_->LlmAnswer(inner_.model(), prompt_version_, CanonicalPrompt(request));
  auto lookup = cache_->Get(key, std::min(options.deadline, Clock::now() + kLookupBound));
  auto hit = co_await std::move(lookup);
  std::optional<llm::ChatResponse> answer;
  if (hit) answer = Decode(*hit);
  if (!answer) {
    // The leader keeps its own CallError (kind, status, Retry-After); joiners get its Error.
    auto error = std::make_shared<llm::CallError>();
    auto own = std::make_shared<bool>(false);
    auto full = std::make_shared<std::optional<llm::ChatResponse>>();
    const auto deadline = options.deadline;
    auto run = flights_->Do(key.text, deadline, [this, key, request, options, error, own, full]() {
      *own = true;
      return CallAndStore(key, request, options, error, full);
    });
    auto shared = co_await std::move(run);
    if (!shared.ok()) {
      if (*own) co_return *error;
      co_return llm::MakeCallError(shared.error().code == ErrorCode::kDeadlineExceeded
                                       ? llm::CallErrorKind::kTimeout
                                       : llm::CallErrorKind::kProviderError,
                                   "shared LLM call failed");
    }
    if (*own && *full) co_return std::move(**full);  // the leader already streamed its deltas
    answer = Decode(*shared);
    if (!answer)
      co_return llm::MakeCallError(llm::CallErrorKind::kBadResponse, "bad shared answer");
  }
  if (request.stream && options.on_delta && !answer->content.empty()) {
    options.on_delta(answer->content);
  }
  co_return std::move(*answer);
}

boost::asio::awaitable<Result<std::string>> CachingChatClient::CallAndStore(
    CacheKey key, llm::ChatRequest request, llm::CallOptions options,
    std::shared_ptr<llm::CallError> error, std::shared_ptr<std::optional<llm::ChatResponse>> full) {
  const auto deadline = options.deadline;
  auto call = inner_.Complete(std::move(request), std::move(options));
  auto result = co_await std::move(call);
  if (!result.ok()) {
    *error = result.error();
    co_return MakeError(ErrorCode::kUnavailable, "LLM call failed");
  }
  std::string encoded = Encode(result.value());
  *full = result.value();
  if (result->finish_reason.empty() || result->finish_reason == "stop") {
    auto store = cache_->Set(key, encoded, ttl_, std::min(deadline, Clock::now() + kLookupBound));
    co_await std::move(store);
  }
  co_return encoded;
}

}  // namespace notecoder::cache
