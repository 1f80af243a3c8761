#pragma once
// What the agents take and give, in our own types (no transport JSON leaks into the pipeline,
// except `structured`, which is free-form by design and passed through to the response).
#include <boost/json/object.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "llm/chat_types.hpp"

namespace notecoder::llm {

struct Span {
  std::size_t start = 0;  // byte offsets into the note, [start, end)
  std::size_t end = 0;
};

// ---- parse: note → findings
struct Finding {
  std::string text;    // "type 2 diabetes mellitus"
  std::string status;  // present, negated, historical, family, hypothetical, uncertain
  std::string evidence;
  std::optional<Span> span;  // where `evidence` is in the note; nullopt when not found verbatim
};
struct ParsedNote {
  std::vector<Finding> findings;
  std::vector<std::string> medications;
  std::vector<std::string> procedures;
};

// ---- summarize: findings → summary
struct Summary {
  std::string text;
};

// ---- structure: summary + basics + candidates + context → final codes
struct Candidate {
  std::string code;                  // dotted, as the rules engine / model produced it
  std::string title;                 // CMS long title
  double score = 0;                  // combined score, best first
  std::vector<std::string> sources;  // "rules", "ml"
};
struct StructureInput {
  std::string note;                   // the raw note: the agent quotes it, validation checks quotes
  std::string summary;                // the summarize agent's text (may be empty)
  boost::json::object basics;         // deterministic basics as the API encodes them
  std::vector<Candidate> candidates;  // ranked, best first (at most kMaxCandidates are sent)
  std::vector<std::string> context;   // rule context lines: "negated: chest pain", ...
};
struct LlmCode {
  std::string code;  // dotted, as the codebook writes it
  std::string title;
  std::string rationale;
  std::optional<Span> evidence;  // the quote's place in the note, when found
  bool from_candidate = false;   // true: one of StructureInput::candidates
};
struct ExcludedCode {
  std::string code;    // as the model wrote it (bounded, code-shaped text only)
  std::string reason;  // invalid_code | unsupported
  std::string detail;  // ours: "not in the FY2026 code set", "not billable", ...
};
struct StructureAnswer {
  std::vector<LlmCode> codes;  // in the model's order
  std::vector<ExcludedCode> excluded;
  boost::json::object structured;  // the structured record, free-form, size-bounded
};

// ---- basics (optional agent; deterministic basics stay the default)
struct DatedItem {
  std::string kind;
  std::string date;
};
struct LlmBasics {
  std::optional<int> age_years;
  std::string sex;  // female, male or empty
  std::vector<DatedItem> dates;
  bool degraded = false;  // the call failed: empty basics, `reason` says why
  std::string reason;     // a CallErrorKindName when degraded
};

// Every agent answer carries what it cost and whether its JSON had to be repaired.
template <class T>
struct AgentAnswer {
  T value;
  Usage usage;
  int attempts = 1;
  bool repaired = false;  // code fences or text around the JSON were stripped
};

}  // namespace notecoder::llm
