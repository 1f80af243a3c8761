#pragma once
// The engines a coding request runs with, taken together at its start: a model swapped in by a
// reload while the request runs does not change its answer halfway.
#include <memory>

#include "llm/agents.hpp"
#include "ml/model.hpp"
#include "rules/rules_engine.hpp"

namespace notecoder::pipeline {

struct Engines {
  std::shared_ptr<const rules::RulesEngine> rules;  // always set once ready
  std::shared_ptr<const ml::Model> model;           // null: no model configured
  std::shared_ptr<llm::Agents> agents;              // null: no LLM configured (ENABLE_LLM)
};

}  // namespace notecoder::pipeline
