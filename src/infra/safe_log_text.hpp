#pragma once
// Note text is PHI. SafeLogText() is the only way note-derived text may reach a log line: it keeps
// the length and a keyed hash (HMAC-SHA256, so equal notes can be correlated across lines without
// a dictionary attack on short notes), never a character of the text.
#include <cstddef>
#include <string>
#include <string_view>

namespace notecoder::infra {

class SafeText {
 public:
  std::size_t length() const { return length_; }
  const std::string& hash() const { return hash_; }

 private:
  friend SafeText SafeLogText(std::string_view note_derived);
  SafeText(std::size_t length, std::string hash) : length_(length), hash_(std::move(hash)) {}
  std::size_t length_;
  std::string hash_;  // 16 hex digits of HMAC-SHA256(key, text)
};

// Sets the HMAC key once at start; an empty key picks a random one for this process.
void SetLogHashKey(std::string key);
SafeText SafeLogText(std::string_view note_derived);

}  // namespace notecoder::infra
