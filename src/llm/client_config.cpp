#include "llm/client_config.hpp"

namespace notecoder::llm {

ClientConfig ClientConfigFrom(const infra::Settings& s) {
  ClientConfig c;
  c.base_url = s.llm_base_url;
  c.api_key = s.llm_api_key;
  c.model = s.llm_model;
  c.concurrency = s.llm_concurrency;
  c.timeout = std::chrono::milliseconds(static_cast<long long>(s.llm_timeout_s * 1000));
  c.retry.max_retries = s.llm_max_retries;
  return c;
}

}  // namespace notecoder::llm
