#include "api/json_text.hpp"

#include <cstring>

namespace notecoder::api {

CharOffsets::CharOffsets(std::string_view text) {
  std::uint64_t any = 0;
  std::size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + at, 8);
    any |= w;
  }
  for (; at < text.size(); ++at) any |= static_cast<unsigned char>(text[at]);
  ascii_ = (any & 0x8080808080808080ull) == 0;
  if (ascii_) return;
  chars_before_.resize(text.size() + 1);
  std::uint32_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    chars_before_[i] = chars;
    // A continuation byte (10xxxxxx) does not start a character.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  chars_before_[text.size()] = chars;
}

std::uint32_t CharOffsets::ToChar(std::uint32_t byte_offset) const {
  if (ascii_) return byte_offset;
  if (byte_offset >= chars_before_.size()) return chars_before_.back();
  return chars_before_[byte_offset];
}

}  // namespace notecoder::api
