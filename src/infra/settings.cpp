#include "infra/settings.hpp"

#include <charconv>
#include <cstdlib>
#include <limits>

namespace notecoder::infra {
namespace {

// Collects every bad variable so an operator fixes them all in one go.
class Parser {
 public:
  explicit Parser(const EnvLookup& env) : env_(env) {}

  void Int(const char* name, int& out, int lo, int hi) {
    const auto v = env_(name);
    if (!v || v->empty()) return;
    long long x = 0;
    const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc() || p != v->data() + v->size() || x < lo || x > hi) {
      Bad(name, "an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
      return;
    }
    out = static_cast<int>(x);
  }

  void Size(const char* name, std::size_t& out, std::size_t lo, std::size_t hi) {
    const auto v = env_(name);
    if (!v || v->empty()) return;
    unsigned long long x = 0;
    const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc() || p != v->data() + v->size() || x < lo || x > hi) {
      Bad(name, "a byte count from " + std::to_string(lo) + " to " + std::to_string(hi));
      return;
    }
    out = static_cast<std::size_t>(x);
  }

  void Seconds(const char* name, double& out, double lo, double hi) {
    const auto v = env_(name);
    if (!v || v->empty()) return;
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    if (end != v->c_str() + v->size() || !(x >= lo && x <= hi)) {
      Bad(name, "seconds from " + Num(lo) + " to " + Num(hi));
      return;
    }
    out = x;
  }

  void Bool(const char* name, bool& out) {
    const auto v = env_(name);
    if (!v || v->empty()) return;
    if (*v == "1" || *v == "true" || *v == "yes" || *v == "on") {
      out = true;
    } else if (*v == "0" || *v == "false" || *v == "no" || *v == "off") {
      out = false;
    } else {
      Bad(name, "one of 1, 0, true, false, yes, no, on, off");
    }
  }

  void OneOf(const char* name, std::string& out, const std::vector<std::string>& allowed) {
    const auto v = env_(name);
    if (!v || v->empty()) return;
    for (const auto& a : allowed) {
      if (*v == a) {
        out = a;
        return;
      }
    }
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    Bad(name, "one of " + list);
  }

  void Text(const char* name, std::string& out) {
    const auto v = env_(name);
    if (v && !v->empty()) out = *v;
  }

  void Keys(const char* name, std::vector<std::string>& out) {
    List(
        name, out, [](const std::string& key) { return key.size() >= 16; },
        "comma-separated keys of at least 16 characters each");
  }

  void Origins(const char* name, std::vector<std::string>& out) {
    List(name, out, IsExactOrigin,
         "comma-separated exact origins such as https://app.example.com:8443 (lower case, no "
         "path, no '*')");
  }

  // Items separated by commas, spaces around each trimmed; one item `valid` refuses and the
  // whole variable is bad.
  template <class Valid>
  void List(const char* name, std::vector<std::string>& out, Valid valid, const char* expected) {
    const auto v = env_(name);
    if (!v || v->empty()) return;
    std::size_t start = 0;
    while (start <= v->size()) {
      auto comma = v->find(',', start);
      if (comma == std::string::npos) comma = v->size();
      std::string item = v->substr(start, comma - start);
      while (!item.empty() && item.back() == ' ') item.pop_back();
      while (!item.empty() && item.front() == ' ') item.erase(item.begin());
      if (!valid(item)) {
        Bad(name, expected);
        out.clear();
        return;
      }
      out.push_back(std::move(item));
      start = comma + 1;
    }
  }

  // A rule across variables: `ok` or the problem is listed under `name`.
  void Require(bool ok, const char* name, const std::string& allowed) {
    if (!ok) Bad(name, allowed);
  }

  const std::string& problems() const { return problems_; }

 private:
  static std::string Num(double x) {
    std::string s = std::to_string(x);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  // The value itself is not echoed: it might be a secret pasted into the wrong variable.
  void Bad(const char* name, const std::string& allowed) {
    problems_ += std::string(problems_.empty() ? "" : "\n") + name + ": expected " + allowed;
  }

  const EnvLookup& env_;
  std::string problems_;
};

}  // namespace

bool IsExactOrigin(std::string_view origin) {
  std::string_view rest;
  if (origin.rfind("https://", 0) == 0) {
    rest = origin.substr(8);
  } else if (origin.rfind("http://", 0) == 0) {
    rest = origin.substr(7);
  } else {
    return false;
  }
  const auto colon = rest.rfind(':');
  std::string_view host = rest.substr(0, colon);
  if (colon != std::string_view::npos) {
    const auto port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    for (const char c : port) {
      if (c < '0' || c > '9') return false;
    }
  }
  if (host.empty() || host.size() > 253) return false;
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

EnvLookup ProcessEnv() {
  return [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

Result<Settings> LoadSettings(const EnvLookup& env) {
  Settings s;
  Parser p(env);
  p.Text("HOST", s.host);
  p.Int("PORT", s.port, 0, 65535);
  p.Int("IO_THREADS", s.io_threads, 1, 64);
  p.Int("CPU_WORKERS", s.cpu_workers, 1, 256);
  p.Int("CPU_NICE", s.cpu_nice, 0, 19);
  p.Bool("SKIP_WARMUP", s.skip_warmup);
  p.Bool("BACKGROUND_WARMUP", s.background_warmup);
  p.Seconds("WAIT_FOR_READY_S", s.wait_for_ready_s, 0, 600);
  p.Int("LIMIT_CONCURRENCY", s.limit_concurrency, 1, 100000);
  p.Size("MAX_BODY_BYTES", s.max_body_bytes, 1024, 64u << 20);
  p.Seconds("REQUEST_TIMEOUT_S", s.request_timeout_s, 0.1, 3600);
  p.Seconds("KEEPALIVE_TIMEOUT_S", s.keepalive_timeout_s, 0.1, 3600);
  p.Seconds("SHUTDOWN_GRACE_S", s.shutdown_grace_s, 0, 3600);
  p.OneOf("LOG_LEVEL", s.log_level, {"trace", "debug", "info", "warn", "error", "off"});
  p.Keys("API_KEYS", s.api_keys);
  p.Text("LOG_HASH_KEY", s.log_hash_key);
  p.Text("NOTECODER_CODEBOOK", s.codebook_path);
  if (const auto model = env("MODEL_PATH"); model && !model->empty()) {
    s.model_required = *model != "none";
    s.model_path = s.model_required ? *model : std::string();
  }
  p.Int("WARMUP_DELAY_MS", s.warmup_delay_ms, 0, 600000);
  p.Text("LLM_BASE_URL", s.llm_base_url);
  p.Text("LLM_API_KEY", s.llm_api_key);
  p.Text("LLM_MODEL", s.llm_model);
  p.Int("LLM_CONCURRENCY", s.llm_concurrency, 1, 64);
  p.Seconds("LLM_TIMEOUT_S", s.llm_timeout_s, 0.1, 600);
  p.Int("LLM_MAX_RETRIES", s.llm_max_retries, 0, 10);
  s.enable_llm = !s.llm_base_url.empty();
  p.Bool("ENABLE_LLM", s.enable_llm);
  if (s.enable_llm) {
    p.Require(s.llm_base_url.rfind("http://", 0) == 0 || s.llm_base_url.rfind("https://", 0) == 0,
              "LLM_BASE_URL", "an http:// or https:// URL when ENABLE_LLM is on");
    p.Require(!s.llm_model.empty(), "LLM_MODEL", "a model name when ENABLE_LLM is on");
  }
  p.Seconds("TIME_BUDGET_S", s.time_budget_s, 0.1, 600);
  p.Bool("LLM_BASICS_AGENT", s.llm_basics_agent);
  p.Bool("ENABLE_LLM_CACHE", s.enable_llm_cache);
  p.Bool("ENABLE_ML_CACHE", s.enable_ml_cache);
  p.Bool("ENABLE_REDIS_CACHE", s.enable_redis_cache);
  p.Text("REDIS_URL", s.redis_url);
  p.Text("CACHE_KEY_SECRET", s.cache_key_secret);
  p.Seconds("LLM_CACHE_TTL_S", s.llm_cache_ttl_s, 0, 30 * 86400);
  p.Seconds("RESULT_CACHE_TTL_S", s.result_cache_ttl_s, 0, 30 * 86400);
  p.Size("CACHE_MAX_BYTES", s.cache_max_bytes, 0, std::size_t{64} << 30);
  p.Int("LLM_GLOBAL_LIMIT", s.llm_global_limit, 0, 100000);
  p.Int("REDIS_TIMEOUT_MS", s.redis_timeout_ms, 1, 5000);
  p.Bool("ALLOW_CORE_DUMPS", s.allow_core_dumps);
  p.Origins("CORS_ALLOW_ORIGINS", s.cors_allow_origins);
  p.Require(s.cache_key_secret.empty() || s.cache_key_secret.size() >= 32, "CACHE_KEY_SECRET",
            "at least 32 characters");
  // A random per-process secret would fill Redis with values no other replica can use.
  p.Require(!s.enable_redis_cache || !s.cache_key_secret.empty(), "CACHE_KEY_SECRET",
            "a shared secret of at least 32 characters when ENABLE_REDIS_CACHE is on");
  p.Require(
      (!s.enable_redis_cache && s.llm_global_limit == 0) || s.redis_url.rfind("redis://", 0) == 0,
      "REDIS_URL", "redis://[:password@]host[:port][/db] when Redis is used");
  if (!p.problems().empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "invalid settings:\n" + p.problems());
  }
  return s;
}

Result<bool> LoadAllowCoreDumps(const EnvLookup& env) {
  bool allow = false;
  Parser p(env);
  p.Bool("ALLOW_CORE_DUMPS", allow);
  if (!p.problems().empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "invalid settings:\n" + p.problems());
  }
  return allow;
}

std::vector<std::pair<std::string, std::string>> DescribeSettings(const Settings& s) {
  const auto b = [](bool x) { return std::string(x ? "true" : "false"); };
  const auto d = [](double x) { return std::to_string(x); };
  std::string cors;
  for (const auto& o : s.cors_allow_origins) cors += (cors.empty() ? "" : ",") + o;
  return {
      {"HOST", s.host},
      {"PORT", std::to_string(s.port)},
      {"IO_THREADS", std::to_string(s.io_threads)},
      {"CPU_WORKERS", std::to_string(s.cpu_workers)},
      {"CPU_NICE", std::to_string(s.cpu_nice)},
      {"SKIP_WARMUP", b(s.skip_warmup)},
      {"BACKGROUND_WARMUP", b(s.background_warmup)},
      {"WAIT_FOR_READY_S", d(s.wait_for_ready_s)},
      {"LIMIT_CONCURRENCY", std::to_string(s.limit_concurrency)},
      {"MAX_BODY_BYTES", std::to_string(s.max_body_bytes)},
      {"REQUEST_TIMEOUT_S", d(s.request_timeout_s)},
      {"KEEPALIVE_TIMEOUT_S", d(s.keepalive_timeout_s)},
      {"SHUTDOWN_GRACE_S", d(s.shutdown_grace_s)},
      {"LOG_LEVEL", s.log_level},
      {"API_KEYS",
       s.api_keys.empty() ? "(none)" : std::to_string(s.api_keys.size()) + " key(s), masked"},
      {"LOG_HASH_KEY", s.log_hash_key.empty() ? "(random per process)" : "(set, masked)"},
      {"NOTECODER_CODEBOOK", s.codebook_path},
      {"MODEL_PATH",
       s.model_path.empty() ? "(none)" : s.model_path + (s.model_required ? "" : " (if present)")},
      {"WARMUP_DELAY_MS", std::to_string(s.warmup_delay_ms)},
      {"ENABLE_LLM", b(s.enable_llm)},
      {"LLM_BASE_URL", s.llm_base_url.empty() ? "(none)"
                       : s.llm_base_url.find('@') != std::string::npos
                           ? "(set, has credentials: masked)"
                           : s.llm_base_url},
      {"LLM_API_KEY", s.llm_api_key.empty() ? "(none)" : "(set, masked)"},
      {"LLM_MODEL", s.llm_model.empty() ? "(none)" : s.llm_model},
      {"LLM_CONCURRENCY", std::to_string(s.llm_concurrency)},
      {"LLM_TIMEOUT_S", d(s.llm_timeout_s)},
      {"LLM_MAX_RETRIES", std::to_string(s.llm_max_retries)},
      {"TIME_BUDGET_S", d(s.time_budget_s)},
      {"LLM_BASICS_AGENT", b(s.llm_basics_agent)},
      {"ENABLE_LLM_CACHE", b(s.enable_llm_cache)},
      {"ENABLE_ML_CACHE", b(s.enable_ml_cache)},
      {"ENABLE_REDIS_CACHE", b(s.enable_redis_cache)},
      {"REDIS_URL",
       s.redis_url.find('@') == std::string::npos
           ? s.redis_url
           : "redis://(credentials masked)@" + s.redis_url.substr(s.redis_url.rfind('@') + 1)},
      {"CACHE_KEY_SECRET", s.cache_key_secret.empty() ? "(random per process)" : "(set, masked)"},
      {"LLM_CACHE_TTL_S", d(s.llm_cache_ttl_s)},
      {"RESULT_CACHE_TTL_S", d(s.result_cache_ttl_s)},
      {"CACHE_MAX_BYTES", std::to_string(s.cache_max_bytes)},
      {"LLM_GLOBAL_LIMIT", std::to_string(s.llm_global_limit)},
      {"REDIS_TIMEOUT_MS", std::to_string(s.redis_timeout_ms)},
      {"ALLOW_CORE_DUMPS", b(s.allow_core_dumps)},
      {"CORS_ALLOW_ORIGINS", cors.empty() ? "(none: no CORS)" : cors},
  };
}

}  // namespace notecoder::infra
