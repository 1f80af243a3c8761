#pragma once
// The summarize agent answers {"summary": "..."}; a streamed answer arrives as raw JSON pieces.
// This turns those pieces into the decoded text of the "summary" string as it is written, so a
// reader sees prose, not braces and escapes. Incremental, bounded, and UTF-8 safe: a delta never
// ends inside a multi-byte character or an escape.
#include <cstddef>
#include <string>
#include <string_view>

namespace notecoder::llm {

class SummaryStreamer {
 public:
  // Returns the decoded text that `piece` completes (often empty).
  std::string Feed(std::string_view piece);
  bool done() const { return state_ == State::kDone; }

 private:
  enum class State { kSeek, kValue, kDone };
  std::string Decode();

  static constexpr std::size_t kMaxBytes = 1u << 20;
  State state_ = State::kSeek;
  std::string raw_;      // received, not yet consumed
  std::string pending_;  // decoded bytes held back until their UTF-8 character is complete
};

}  // namespace notecoder::llm
