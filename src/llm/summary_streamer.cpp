#include "llm/summary_streamer.hpp"

#include <cctype>
#include <cstdint>

#include "nlp/utf8.hpp"

namespace notecoder::llm {
namespace {

int Hex4(std::string_view s) {
  int v = 0;
  for (const char c : s) {
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v |= c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v |= c - 'A' + 10;
    } else {
      return -1;
    }
  }
  return v;
}

// Bytes at the end of `s` that start a UTF-8 character not yet complete.
std::size_t IncompleteTail(const std::string& s) {
  for (std::size_t back = 1; back <= 3 && back <= s.size(); ++back) {
    const auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: look further back
    const std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

}  // namespace

std::string SummaryStreamer::Feed(std::string_view piece) {
  if (state_ == State::kDone || raw_.size() + piece.size() > kMaxBytes) return {};
  raw_.append(piece);
  while (state_ == State::kSeek) {
    const auto key = raw_.find("\"summary\"");
    if (key == std::string::npos) return {};
    std::size_t i = key + 9;
    while (i < raw_.size() && std::isspace(static_cast<unsigned char>(raw_[i])) != 0) ++i;
    if (i == raw_.size()) return {};
    if (raw_[i] != ':') {  // "summary" as a value, not the key: look further
      raw_.erase(0, key + 1);
      continue;
    }
    ++i;
    while (i < raw_.size() && std::isspace(static_cast<unsigned char>(raw_[i])) != 0) ++i;
    if (i == raw_.size()) return {};
    if (raw_[i] != '"') {
      state_ = State::kDone;
      return {};
    }
    raw_.erase(0, i + 1);
    state_ = State::kValue;
  }
  return Decode();
}

std::string SummaryStreamer::Decode() {
  std::size_t i = 0;
  while (i < raw_.size() && state_ == State::kValue) {
    const char c = raw_[i];
    if (c == '"') {
      state_ = State::kDone;
      ++i;
      break;
    }
    if (c != '\\') {
      pending_.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= raw_.size()) break;  // the escape continues in the next piece
    const char e = raw_[i + 1];
    if (e == 'u') {
      if (i + 6 > raw_.size()) break;
      int cp = Hex4(std::string_view(raw_).substr(i + 2, 4));
      std::size_t used = 6;
      if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair needs its second half
        if (i + 12 > raw_.size()) break;
        const int low =
            raw_.compare(i + 6, 2, "\\u") == 0 ? Hex4(std::string_view(raw_).substr(i + 8, 4)) : -1;
        if (low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          used = 12;
        } else {
          cp = 0xFFFD;
        }
      }
      nlp::AppendUtf8(cp < 0 ? U'\uFFFD' : static_cast<char32_t>(cp), pending_);
      i += used;
      continue;
    }
    switch (e) {
      case 'n':
        pending_.push_back('\n');
        break;
      case 't':
        pending_.push_back('\t');
        break;
      case 'r':
        pending_.push_back('\r');
        break;
      case 'b':
      case 'f':
        break;
      default:
        pending_.push_back(e);  // \" \\ \/
    }
    i += 2;
  }
  raw_.erase(0, i);
  const std::size_t hold = state_ == State::kDone ? 0 : IncompleteTail(pending_);
  std::string out = pending_.substr(0, pending_.size() - hold);
  pending_.erase(0, pending_.size() - hold);
  return out;
}

}  // namespace notecoder::llm
