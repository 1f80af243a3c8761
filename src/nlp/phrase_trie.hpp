#pragma once
// Phrases of token norms in a trie over word ids, for the longest phrase starting at a token.
// Each step is one probe on (node, word id). Matching phrase by phrase compared strings for
// every phrase sharing the first word, and many share one: the companion phrases alone put 124
// behind "with" ("with her mother", "with his father", ...), tried on every "with" of a note.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/document.hpp"
#include "nlp/word_table.hpp"

namespace notecoder::nlp {

class PhraseTrie {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // A phrase word that matches any number token (never as the first word, which is literal).
  static constexpr std::string_view kAnyNumber = "#";

  struct Hit {
    std::uint32_t value = kNone;  // kNone when no phrase matches
    std::uint32_t length = 0;     // in tokens
  };

  PhraseTrie();

  // Adds `words` with `value` (values below kNone). A phrase added twice keeps the smaller value.
  void Add(const std::vector<std::string>& words, std::uint32_t value);

  // The longest phrase matching the norms of tokens[pos, end); between phrases of the same
  // length (a "#" and a literal word both matching a number), the smaller value.
  Hit Longest(const std::vector<Token>& tokens, std::uint32_t pos, std::uint32_t end) const;

 private:
  struct Node {
    std::uint32_t value = kNone;
    std::uint32_t number_child = kNone;  // the "#" step
    bool has_word_children = false;
  };
  struct Edge {
    std::uint64_t key = kEmpty;
    std::uint32_t child = kNone;
  };
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static constexpr std::uint32_t kRoot = 0;

  static std::uint64_t EdgeKey(std::uint32_t node, std::uint32_t word) {
    return std::uint64_t{node} << 32 | word;
  }
  std::size_t SlotOf(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & (edges_.size() - 1);
  }
  std::uint32_t Child(std::uint32_t node, std::uint32_t word) const;
  std::uint32_t AddChild(std::uint32_t node, std::uint32_t word);
  void GrowEdges();
  void Extend(const std::vector<Token>& tokens, std::uint32_t node, std::uint32_t next,
              std::uint32_t end, std::uint32_t depth, Hit& best) const;

  WordTable words_;  // word → id
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;  // power-of-two size, linear probing, at most half full
  std::size_t edge_count_ = 0;
  // By first letter and by last letter (mod 32): a bit per length of the phrases' first words,
  // 63 for 63 and up. Most note words start no phrase and are refused here without hashing;
  // the first letter alone let through half of them ("and", "was", "on" ...).
  std::array<std::uint64_t, 32> first_shapes_{};
  std::array<std::uint64_t, 32> last_shapes_{};
};

}  // namespace notecoder::nlp
