#pragma once
// Finds condition mentions: main-term words of the Alphabetic Index in each sentence, each
// walked down the index with the words around it. Overlapping readings of the same words are
// resolved in favour of the one that accounts for more of them.
#include <string>
#include <unordered_set>
#include <vector>

#include "nlp/document.hpp"
#include "rules/code_refiner.hpp"
#include "rules/concept_stream.hpp"
#include "rules/index_walker.hpp"
#include "rules/mention.hpp"
#include "rules/term_index.hpp"
#include "rules/title_dictionary.hpp"

namespace notecoder::rules {

class MentionFinder {
 public:
  MentionFinder(const TermIndex& index, const IndexWalker& walker, const CodeRefiner& refiner,
                const TitleDictionary& titles);

  std::vector<Mention> Find(const nlp::Document& doc, const std::vector<ConceptToken>& tokens,
                            const std::vector<std::uint32_t>& sentence_begin) const;

  // Direct-modifier window around [first, last): same phrase, nearest first.
  static void PhraseWindow(const std::vector<ConceptToken>& tokens, std::uint32_t sentence_begin,
                           std::uint32_t sentence_end, std::uint32_t first, std::uint32_t last,
                           std::vector<std::uint32_t>& window);

 private:
  const TermIndex& index_;
  const IndexWalker& walker_;
  const CodeRefiner& refiner_;
  const TitleDictionary& titles_;
  std::vector<bool> prevention_;              // by WordId: PreventionWords()
  std::vector<bool> vaccines_;                // by WordId: "vaccine", "immunization", ...
  std::unordered_set<std::string> findings_;  // first keys of FindingMainTerms()
  bool Flag(const std::vector<bool>& flags, WordId id) const {
    return id < flags.size() && flags[id];
  }
};

// Sections whose words are not diagnoses of the encounter (medication and allergy lists, vitals).
bool IsNonDiagnosticSection(nlp::SectionKind kind);
// Sections where the provider states the diagnoses: assessment, assessment and plan, problem
// or diagnosis lists.
bool IsAssessmentSection(nlp::SectionKind kind);

}  // namespace notecoder::rules
