#pragma once
// The coding decision for one mention: code it, code its personal-history Z-code instead, or
// exclude it with a reason a coder would give.
#include <optional>
#include <string>

#include "nlp/word_table.hpp"
#include "rules/code_refiner.hpp"
#include "rules/index_walker.hpp"
#include "rules/mention.hpp"
#include "rules/rules_result.hpp"
#include "rules/term_index.hpp"

namespace notecoder::rules {

struct Decision {
  std::optional<CodedDiagnosis> coded;
  std::optional<ExcludedMention> excluded;
};

class DecisionMaker {
 public:
  DecisionMaker(const TermIndex& index, const IndexWalker& walker, const CodeRefiner& refiner);

  // `note_year`: the year the note was written (latest date in it, else this year); acute
  // conditions dated in an earlier year ("a TIA in 2021") are history.
  Decision Decide(const Mention& m, const nlp::Document& doc,
                  const std::vector<ConceptToken>& tokens, int note_year) const;
  bool IsChronic(codes::CodeId code) const;

 private:
  // Z-code for "history of <mention>" under History → personal / family; kNone if none.
  codes::CodeId HistoryCode(codes::TermId branch, const Mention& m,
                            const std::vector<ConceptToken>& tokens) const;
  std::string PathText(const Mention& m) const;

  const TermIndex& index_;
  const IndexWalker& walker_;
  const CodeRefiner& refiner_;
  codes::TermId personal_history_ = codes::kNone;
  codes::TermId family_history_ = codes::kNone;
  // The chronic-condition code prefixes, and their distinct lengths: a code is chronic when one
  // of its leading substrings of those lengths is in the table (a few probes, not a list scan).
  nlp::WordTable chronic_prefixes_;
  std::vector<std::size_t> chronic_lengths_;
};

}  // namespace notecoder::rules
