#pragma once
// Folds per-mention codes into the answer: one entry per code with all its evidence, the less
// specific reading dropped when a more specific one of the same condition exists, and excludes1
// pairs resolved.
#include <vector>

#include "codes/codebook.hpp"
#include "rules/mention.hpp"
#include "rules/rules_result.hpp"

namespace notecoder::rules {

struct CodedMention {
  CodedDiagnosis coded;
  const Mention* mention;
};

// `has_assessment`: the note has an assessment, impression or diagnosis list; symptoms (R codes)
// are then coded only from there, and not beside a diagnosis in the same sentence.
void MergeCodes(const codes::Codebook& book, std::vector<CodedMention> in, bool has_assessment,
                RulesResult& out);

}  // namespace notecoder::rules
