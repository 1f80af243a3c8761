#pragma once
// Service settings: environment variables only, parsed once into a typed, validated struct. A bad
// value stops the process at start with a message naming the variable and what is allowed.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/result.hpp"

namespace notecoder::infra {

struct Settings {
  std::string host = "0.0.0.0";           // HOST: address to listen on
  int port = 8000;                        // PORT: TCP port (0 = any free port, printed at start)
  int io_threads = 1;                     // IO_THREADS: network threads (one io_context each)
  int cpu_workers = 1;                    // CPU_WORKERS: threads of the CPU pool (NLP/ML steps)
  int cpu_nice = 10;                      // CPU_NICE: nice value of the CPU pool threads (0..19)
  bool skip_warmup = false;               // SKIP_WARMUP: load the code set but code no sample note
  bool background_warmup = true;          // BACKGROUND_WARMUP: listen first, warm up behind
  double wait_for_ready_s = 0;            // WAIT_FOR_READY_S: predict waits this long for ready
  int limit_concurrency = 64;             // LIMIT_CONCURRENCY: requests in progress, then 503
  std::size_t max_body_bytes = 2u << 20;  // MAX_BODY_BYTES: larger bodies get 413
  double request_timeout_s = 30;          // REQUEST_TIMEOUT_S: reading one request's body
  double keepalive_timeout_s = 5;         // KEEPALIVE_TIMEOUT_S: idle connection / header read
  double shutdown_grace_s = 20;           // SHUTDOWN_GRACE_S: in-flight requests may finish
  std::string log_level = "info";         // LOG_LEVEL: trace, debug, info, warn, error, off
  std::vector<std::string> api_keys;      // API_KEYS: comma-separated bearer keys (secret)
  std::string log_hash_key;               // LOG_HASH_KEY: HMAC key for note hashes (secret)
  std::string codebook_path = "data/codebook.bin";  // NOTECODER_CODEBOOK: code set snapshot
  // MODEL_PATH: the ML model file. Unset: data/model.bin when it exists (rules only otherwise);
  // set: that file must load or warmup fails; "none": rules only.
  std::string model_path = "data/model.bin";
  bool model_required = false;  // MODEL_PATH was given explicitly
  int warmup_delay_ms = 0;      // WARMUP_DELAY_MS: drills and tests of readiness
  // ---- LLM engine (src/llm; README "Pointing notecoder at a real provider")
  std::string
      llm_base_url;  // LLM_BASE_URL: OpenAI-compatible server, e.g. https://api.openai.com/v1
  std::string llm_api_key;    // LLM_API_KEY: bearer key (secret; empty for local servers)
  std::string llm_model;      // LLM_MODEL: model name sent with every call (required when enabled)
  int llm_concurrency = 4;    // LLM_CONCURRENCY: provider calls in flight, process-wide
  double llm_timeout_s = 30;  // LLM_TIMEOUT_S: one call, slot wait and retries included
  int llm_max_retries = 3;    // LLM_MAX_RETRIES: attempts after the first (429, 5xx, connect)
  bool enable_llm = false;    // ENABLE_LLM: default on iff LLM_BASE_URL is set
  double time_budget_s = 20;  // TIME_BUDGET_S: one request end to end; the LLM gets what is left
  bool llm_basics_agent = false;  // LLM_BASICS_AGENT: also ask the LLM for basics (beside parse)
  // ---- Caching and scale-out (src/cache; docs/scale-out.md)
  bool enable_llm_cache = true;     // ENABLE_LLM_CACHE: repeated LLM prompts from the cache
  bool enable_ml_cache = true;      // ENABLE_ML_CACHE: whole coding results (rules + ML) cached
  bool enable_redis_cache = false;  // ENABLE_REDIS_CACHE: share caches in Redis (CACHE_KEY_SECRET)
  // REDIS_URL: redis://[[user]:password@]host[:port][/db] (the password is a secret)
  std::string redis_url = "redis://127.0.0.1:6379/0";
  std::string cache_key_secret;  // CACHE_KEY_SECRET: key HMAC + value sealing, >= 32 chars (secret)
  double llm_cache_ttl_s = 86400;           // LLM_CACHE_TTL_S: LLM answers (0: not cached)
  double result_cache_ttl_s = 3600;         // RESULT_CACHE_TTL_S: whole results (0: not cached)
  std::size_t cache_max_bytes = 64u << 20;  // CACHE_MAX_BYTES: in-memory cache budget
  int llm_global_limit = 0;   // LLM_GLOBAL_LIMIT: LLM calls in flight over all replicas (0: off)
  int redis_timeout_ms = 25;  // REDIS_TIMEOUT_MS: one Redis call, then it counts as a miss
  // ---- Hardening (docs/security.md)
  bool allow_core_dumps = false;  // ALLOW_CORE_DUMPS: keep core dumps (they hold notes) possible
  // CORS_ALLOW_ORIGINS: comma-separated exact origins ("https://app.example.com") that browsers
  // may call the API from; empty: no CORS headers at all.
  std::vector<std::string> cors_allow_origins;
};

// Reads one variable; nullopt when unset. Tests pass a map instead of the real environment.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;
EnvLookup ProcessEnv();

// Every problem found is listed in the error message, one per line.
Result<Settings> LoadSettings(const EnvLookup& env);

// ALLOW_CORE_DUMPS alone, for commands that read no other setting (`notecoder batch`).
Result<bool> LoadAllowCoreDumps(const EnvLookup& env);

// An exact browser origin: http(s)://host[:port], lower case, no path, no wildcard.
bool IsExactOrigin(std::string_view origin);

// The effective settings as "NAME=value" pairs for the start-up log, secrets masked.
std::vector<std::pair<std::string, std::string>> DescribeSettings(const Settings& s);

}  // namespace notecoder::infra
