#pragma once
// Reads a JSONL file line by line with a bound on line length: a line longer than `max_bytes`
// is skipped to its end and reported, never held in memory whole (a broken 50 MB file with no
// newlines costs one buffer, not 50 MB).
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "infra/result.hpp"

namespace notecoder::app {

struct JsonlLine {
  std::size_t number = 0;  // 1-based line number in the file
  std::string text;        // without the newline ('\r' of CRLF removed)
  bool too_long = false;   // text is empty; the line was longer than max_bytes
};

class JsonlReader {
 public:
  static Result<JsonlReader> Open(const std::filesystem::path& path, std::size_t max_bytes);
  JsonlReader(JsonlReader&& o) noexcept;
  JsonlReader& operator=(JsonlReader&&) = delete;
  JsonlReader(const JsonlReader&) = delete;
  ~JsonlReader();

  // False at the end of the file (a last line without '\n' is still returned).
  bool Next(JsonlLine& line);
  bool failed() const { return failed_; }  // a read error, not the end of the file

 private:
  JsonlReader(std::FILE* f, std::size_t max_bytes);
  std::FILE* file_;
  std::size_t max_bytes_;
  std::size_t number_ = 0;
  bool failed_ = false;
  // Bytes read and not yet returned: lines are split with memchr on this buffer rather than
  // with fgets, whose strlen stops at a NUL byte and would merge that line with the next.
  std::unique_ptr<char[]> buf_;
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
};

// Lines in the file (a last line without '\n' counts).
Result<std::size_t> CountLines(const std::filesystem::path& path);

}  // namespace notecoder::app
