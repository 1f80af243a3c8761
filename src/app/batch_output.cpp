#include "app/batch_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace notecoder::app {
namespace {

constexpr std::size_t kFlushBytes = 256u << 10;
constexpr auto kFlushEvery = std::chrono::milliseconds(250);
constexpr std::size_t kChunk = 1u << 16;

Error IoError(const std::string& what, const std::filesystem::path& path) {
  return MakeError(ErrorCode::kIo, what + " " + path.string() + ": " + std::strerror(errno));
}

// Reads [offset, offset + n) of `fd`.
bool ReadAt(int fd, std::string& out, off_t offset, std::size_t n) {
  out.resize(n);
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd, out.data() + got, n - got, offset + static_cast<off_t>(got));
    if (r <= 0) return false;
    got += static_cast<std::size_t>(r);
  }
  return true;
}

// Offset just after the last '\n' at or before `end` (0 when there is none).
Result<off_t> AfterLastNewline(int fd, off_t end, const std::filesystem::path& path) {
  std::string chunk;
  while (end > 0) {
    const auto n = static_cast<std::size_t>(std::min<off_t>(end, kChunk));
    if (!ReadAt(fd, chunk, end - static_cast<off_t>(n), n)) return IoError("cannot read", path);
    const auto nl = chunk.rfind('\n');
    if (nl != std::string::npos) return end - static_cast<off_t>(n) + static_cast<off_t>(nl) + 1;
    end -= static_cast<off_t>(n);
  }
  return off_t{0};
}

}  // namespace

Result<ResumePoint> PrepareResume(const std::filesystem::path& out) {
  ResumePoint point;
  const int fd = ::open(out.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return point;
    return IoError("cannot open", out);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return IoError("cannot stat", out);
  }
  const off_t size = st.st_size;
  auto whole = AfterLastNewline(fd, size, out);
  if (!whole.ok()) {
    ::close(fd);
    return whole.error();
  }
  if (*whole < size) {
    // A record cut by a kill mid-write: it never counted as done.
    if (::ftruncate(fd, *whole) != 0) {
      ::close(fd);
      return IoError("cannot truncate", out);
    }
    point.cut_partial = true;
  }
  if (*whole == 0) {
    ::close(fd);
    return point;
  }
  auto start = AfterLastNewline(fd, *whole - 1, out);
  std::string last;
  if (!start.ok() || !ReadAt(fd, last, *start, static_cast<std::size_t>(*whole - *start))) {
    ::close(fd);
    return start.ok() ? IoError("cannot read", out) : start.error();
  }
  ::close(fd);
  std::error_code ec;
  const boost::json::value v = boost::json::parse(last, ec);
  const auto* obj = ec ? nullptr : v.if_object();
  const auto* line = obj != nullptr ? obj->if_contains("line") : nullptr;
  if (line == nullptr || !line->is_int64() || line->as_int64() < 1) {
    return MakeError(
        ErrorCode::kDataLoss,
        out.string() + " does not end with a batch record; use --restart or a new --out");
  }
  point.last_line = static_cast<std::size_t>(line->as_int64());
  if (const auto* id = obj->if_contains("id")) point.last_id = *id;
  return point;
}

Result<BatchOutput> BatchOutput::Open(const std::filesystem::path& path, bool truncate) {
  const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0);
  const int fd = ::open(path.c_str(), flags, 0640);
  if (fd < 0) return IoError("cannot open", path);
  return BatchOutput(fd);
}

BatchOutput::~BatchOutput() {
  if (fd_ >= 0) {
    (void)Flush();
    ::close(fd_);
  }
}

Status BatchOutput::Add(std::string_view record) {
  buffer_.append(record);
  const auto now = std::chrono::steady_clock::now();
  if (buffer_.size() >= kFlushBytes || now - last_flush_ >= kFlushEvery) return Flush();
  return {};
}

Status BatchOutput::Flush() {
  last_flush_ = std::chrono::steady_clock::now();
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return MakeError(ErrorCode::kIo,
                       std::string("cannot write the output: ") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
  return {};
}

}  // namespace notecoder::app
