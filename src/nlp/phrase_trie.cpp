#include "nlp/phrase_trie.hpp"

#include <algorithm>

namespace notecoder::nlp {
namespace {

std::size_t FirstBucket(std::string_view w) { return static_cast<unsigned char>(w.front()) % 32; }
std::size_t LastBucket(std::string_view w) { return static_cast<unsigned char>(w.back()) % 32; }
std::uint64_t LengthBit(std::string_view w) {
  return std::uint64_t{1} << std::min<std::size_t>(w.size(), 63);
}

}  // namespace

PhraseTrie::PhraseTrie() : nodes_(1), edges_(64) {}

std::uint32_t PhraseTrie::Child(std::uint32_t node, std::uint32_t word) const {
  const std::uint64_t key = EdgeKey(node, word);
  for (std::size_t i = SlotOf(key);; i = (i + 1) & (edges_.size() - 1)) {
    if (edges_[i].key == key) return edges_[i].child;
    if (edges_[i].key == kEmpty) return kNone;
  }
}

void PhraseTrie::GrowEdges() {
  std::vector<Edge> old = std::move(edges_);
  edges_.assign(old.size() * 2, Edge{});
  for (const Edge& e : old) {
    if (e.key == kEmpty) continue;
    std::size_t i = SlotOf(e.key);
    while (edges_[i].key != kEmpty) i = (i + 1) & (edges_.size() - 1);
    edges_[i] = e;
  }
}

std::uint32_t PhraseTrie::AddChild(std::uint32_t node, std::uint32_t word) {
  const std::uint32_t existing = Child(node, word);
  if (existing != kNone) return existing;
  if (2 * (edge_count_ + 1) > edges_.size()) GrowEdges();
  const std::uint64_t key = EdgeKey(node, word);
  std::size_t i = SlotOf(key);
  while (edges_[i].key != kEmpty) i = (i + 1) & (edges_.size() - 1);
  const auto child = static_cast<std::uint32_t>(nodes_.size());
  edges_[i] = Edge{key, child};
  ++edge_count_;
  nodes_[node].has_word_children = true;
  nodes_.emplace_back();
  return child;
}

void PhraseTrie::Add(const std::vector<std::string>& words, std::uint32_t value) {
  if (words.empty() || words.front().empty()) return;  // no token has an empty norm to match
  first_shapes_[FirstBucket(words.front())] |= LengthBit(words.front());
  last_shapes_[LastBucket(words.front())] |= LengthBit(words.front());
  std::uint32_t node = kRoot;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > 0 && words[k] == kAnyNumber) {
      if (nodes_[node].number_child == kNone) {
        nodes_[node].number_child = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();
      }
      node = nodes_[node].number_child;
    } else {
      const auto id = static_cast<std::uint32_t>(words_.size());
      node = AddChild(node, words_.Insert(words[k], id));
    }
  }
  nodes_[node].value = std::min(nodes_[node].value, value);
}

PhraseTrie::Hit PhraseTrie::Longest(const std::vector<Token>& tokens, std::uint32_t pos,
                                    std::uint32_t end) const {
  Hit best;
  if (pos >= end) return best;
  const std::string& first = tokens[pos].norm;
  if (first.empty() ||
      (first_shapes_[FirstBucket(first)] & last_shapes_[LastBucket(first)] & LengthBit(first)) == 0)
    return best;
  const std::uint32_t word = words_.Find(first);
  if (word == WordTable::kMissing) return best;
  const std::uint32_t node = Child(kRoot, word);
  if (node != kNone) Extend(tokens, node, pos + 1, end, 1, best);
  return best;
}

void PhraseTrie::Extend(const std::vector<Token>& tokens, std::uint32_t node, std::uint32_t next,
                        std::uint32_t end, std::uint32_t depth, Hit& best) const {
  for (;; ++next, ++depth) {
    const Node& n = nodes_[node];
    if (n.value != kNone &&
        (depth > best.length || (depth == best.length && n.value < best.value))) {
      best = Hit{n.value, depth};
    }
    if (next >= end) return;
    const Token& t = tokens[next];
    std::uint32_t literal = kNone;
    if (n.has_word_children) {
      const std::uint32_t word = words_.Find(t.norm);
      if (word != WordTable::kMissing) literal = Child(node, word);
    }
    if (n.number_child != kNone && t.kind == TokenKind::kNumber) {
      // A number can follow both steps only if a phrase spells a number out; walk both.
      if (literal != kNone) Extend(tokens, literal, next + 1, end, depth + 1, best);
      node = n.number_child;
    } else if (literal != kNone) {
      node = literal;
    } else {
      return;
    }
  }
}

}  // namespace notecoder::nlp
