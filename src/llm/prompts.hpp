#pragma once
// The agents' system prompts, compiled in from prompts/<version>/*.md at build time. The version
// and a digest of the texts go into every cache key and response, so a prompt edit never serves
// answers cached under the old one.
#include <array>
#include <string>
#include <string_view>

namespace notecoder::llm {

enum class AgentKind { kParse = 0, kSummarize = 1, kStructure = 2, kBasics = 3 };

struct EmbeddedPrompts {
  std::string_view version;               // the prompts/ directory name, "v1"
  std::string_view digest;                // 12 hex digits of SHA-256 over every prompt text
  std::array<std::string_view, 4> texts;  // by AgentKind
};
extern const EmbeddedPrompts kEmbeddedPrompts;

inline std::string_view SystemPrompt(AgentKind agent) {
  return kEmbeddedPrompts.texts[static_cast<std::size_t>(agent)];
}
// "v1+3f2a9c0b1d4e": what cache keys and responses carry.
inline std::string PromptVersion() {
  return std::string(kEmbeddedPrompts.version) + "+" + std::string(kEmbeddedPrompts.digest);
}
const char* AgentName(AgentKind agent);  // parse, summarize, structure, basics

}  // namespace notecoder::llm
