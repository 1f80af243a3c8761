#pragma once
// The engines a coding request runs with, taken together at its start: a model swapped in by a
// reload while the request runs does not change its answer halfway.
#include <memory>

#include "ml/model.hpp"
#include "rules/rules_engine.hpp"

namespace notecoder::pipeline {

struct Engines {
  std::shared_ptr<const rules::RulesEngine> rules;  // always set once ready
  std::shared_ptr<const ml::Model> model;           // null: no model configured
};

}  // namespace notecoder::pipeline
