#pragma once
// The deterministic coder: analyze the note, find condition mentions through the Alphabetic
// Index and our lexicon, assess each with ConText, choose billable codes as a coder would, and
// explain every decision. Immutable after construction; Code() is safe from many threads.
#include <memory>
#include <string_view>

#include "codes/codebook.hpp"
#include "infra/result.hpp"
#include "nlp/analyzer.hpp"
#include "rules/rules_result.hpp"

namespace notecoder::rules {

class RulesEngine {
 public:
  explicit RulesEngine(std::shared_ptr<const codes::Codebook> book);
  ~RulesEngine();
  RulesEngine(const RulesEngine&) = delete;
  RulesEngine& operator=(const RulesEngine&) = delete;

  const codes::Codebook& book() const;
  // Errors are the analyzer's (empty, not UTF-8, binary, too large); never throws.
  Result<RulesResult> Code(std::string_view note, const nlp::AnalyzeLimits& limits = {}) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace notecoder::rules
