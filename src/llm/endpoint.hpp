#pragma once
// Where chat completions are sent, derived once from LLM_BASE_URL.
#include <string>
#include <string_view>

#include "infra/result.hpp"

namespace notecoder::llm {

struct Endpoint {
  bool tls = false;         // https
  std::string host;         // for DNS, SNI, certificate host-name checks
  std::string port;         // "443" / "80" unless given
  std::string target;       // "/v1/chat/completions" plus the base URL's query, if any
  std::string host_header;  // "host" or "host:port" when the port is not the scheme's default
  bool azure = false;       // *.azure.com: also send the key as `api-key` (Azure's header)
};

// Accepts "http(s)://host[:port][/prefix]" where the prefix may already end in "/v1" or in
// "/v1/chat/completions"; a query ("?api-version=...") is kept. Anything else is kInvalidArgument
// naming LLM_BASE_URL (the URL itself is not echoed: it may carry credentials).
Result<Endpoint> ParseEndpoint(std::string_view base_url);

}  // namespace notecoder::llm
