#pragma once
// The ConText trigger lexicon: phrases (matched on Token::norm) that assert something about the
// mentions near them, pseudo-triggers that look like triggers but are not, and terminators that
// end a trigger's scope.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/context.hpp"
#include "nlp/document.hpp"
#include "nlp/phrase_trie.hpp"

namespace notecoder::nlp {

enum class TriggerRole : std::uint8_t { kTrigger, kPseudo, kTerminator };

struct TriggerRule {
  std::vector<std::string> tokens;  // norms; "#" matches any number token
  TriggerRole role = TriggerRole::kTrigger;
  Assertion category = Assertion::kPresent;
  // Largest number of tokens allowed between the trigger and the mention in each direction;
  // 0 means the trigger does not act in that direction.
  std::uint8_t forward_window = 0;   // trigger before the mention ("no fever")
  std::uint8_t backward_window = 0;  // trigger after the mention ("PE was ruled out")
};

class TriggerLexicon {
 public:
  // The built-in lexicon (context_triggers.cpp), built once; thread-safe.
  static const TriggerLexicon& Default();

  // The longest rule whose tokens match tokens[pos, ...) without passing `end`, or nullptr.
  const TriggerRule* MatchAt(const std::vector<Token>& tokens, std::uint32_t pos,
                             std::uint32_t end) const;

  std::size_t size() const { return rules_.size(); }

 private:
  TriggerLexicon();
  void Add(std::string_view phrase, TriggerRole role, Assertion category, std::uint8_t forward,
           std::uint8_t backward);

  std::vector<TriggerRule> rules_;
  PhraseTrie phrases_;  // every rule's tokens → its index in rules_
};

}  // namespace notecoder::nlp
