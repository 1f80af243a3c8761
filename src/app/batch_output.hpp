#pragma once
// The output file of `notecoder batch`, which is also its checkpoint.
//
// Records are written in input order, whole lines per write(2) on an O_APPEND file, so the file
// is always a prefix of the finished run plus, after a kill mid-write, at most one partial last
// line. Resuming cuts that partial line off and reads the "line" of the last whole record: every
// input line up to it is done (lines skipped as bad left no record and are simply read again).
// No sidecar file can disagree with the output, and a kill at any instant loses at most the
// records still in the buffer (flushed every 256 KB or 250 ms), which are coded again.
#include <boost/json/value.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "infra/result.hpp"

namespace notecoder::app {

struct ResumePoint {
  std::size_t last_line = 0;  // 0: nothing done yet
  boost::json::value last_id;
  std::size_t records = 0;   // whole records in the file
  bool cut_partial = false;  // a partial last line was removed
};

// Reads (and repairs) an existing output file; an absent or empty file resumes from nothing.
Result<ResumePoint> PrepareResume(const std::filesystem::path& out);

class BatchOutput {
 public:
  // `truncate`: start the file afresh (no resume).
  static Result<BatchOutput> Open(const std::filesystem::path& path, bool truncate);
  BatchOutput(BatchOutput&& o) noexcept : fd_(o.fd_), buffer_(std::move(o.buffer_)) { o.fd_ = -1; }
  BatchOutput& operator=(BatchOutput&&) = delete;
  BatchOutput(const BatchOutput&) = delete;
  ~BatchOutput();

  // Appends one whole record (ending in '\n'); writes when the buffer is due.
  Status Add(std::string_view record);
  Status Flush();

 private:
  explicit BatchOutput(int fd) : fd_(fd) {}
  int fd_;
  std::string buffer_;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
};

}  // namespace notecoder::app
