#pragma once
// Offsets in responses count Unicode characters (code points) of the note, as Python's str and
// most clinical NLP tools do; internally spans are byte offsets.
#include <cstdint>
#include <string_view>
#include <vector>

namespace notecoder::api {

// Maps byte offsets of a valid UTF-8 text to character offsets in O(1) after O(n) set-up.
class CharOffsets {
 public:
  explicit CharOffsets(std::string_view text);
  std::uint32_t ToChar(std::uint32_t byte_offset) const;

 private:
  bool ascii_ = true;
  std::vector<std::uint32_t> chars_before_;  // per byte, filled only for non-ASCII text
};

}  // namespace notecoder::api
