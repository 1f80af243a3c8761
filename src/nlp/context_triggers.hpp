#pragma once
// The ConText trigger lexicon: phrases (matched on Token::norm) that assert something about the
// mentions near them, pseudo-triggers that look like triggers but are not, and terminators that
// end a trigger's scope.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "nlp/context.hpp"
#include "nlp/document.hpp"
#include "nlp/word_table.hpp"

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

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<TriggerRule> rules_;
  // First-token norm → rule indices, longest phrase first (built by Add).
  std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>> by_first_;
  // The same for matching: the first token's group in one flat probe, no node chasing.
  WordTable first_group_;
  std::vector<std::vector<std::uint32_t>> groups_;
  // By first character: bit n set when some rule's first word has that character and length n
  // (31 = longer). Most note words fail this check and are never hashed.
  std::array<std::uint32_t, 256> first_word_lengths_{};
};

}  // namespace notecoder::nlp
