#include "app/jsonl_reader.hpp"

#include <cstring>

namespace notecoder::app {

Result<JsonlReader> JsonlReader::Open(const std::filesystem::path& path, std::size_t max_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return MakeError(ErrorCode::kIo, "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  return JsonlReader(f, max_bytes);
}

namespace {
constexpr std::size_t kBufferBytes = 1 << 16;
}  // namespace

JsonlReader::JsonlReader(std::FILE* f, std::size_t max_bytes)
    : file_(f), max_bytes_(max_bytes), buf_(std::make_unique_for_overwrite<char[]>(kBufferBytes)) {}

JsonlReader::JsonlReader(JsonlReader&& o) noexcept
    : file_(o.file_),
      max_bytes_(o.max_bytes_),
      number_(o.number_),
      failed_(o.failed_),
      buf_(std::move(o.buf_)),
      pos_(o.pos_),
      len_(o.len_) {
  o.file_ = nullptr;
}

JsonlReader::~JsonlReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool JsonlReader::Next(JsonlLine& line) {
  line.text.clear();
  line.too_long = false;
  bool any = false;
  for (;;) {
    if (pos_ == len_) {
      // One buffer at a time, so a long line costs one buffer, not its length.
      len_ = std::fread(buf_.get(), 1, kBufferBytes, file_);
      pos_ = 0;
      if (len_ == 0) {
        failed_ = std::ferror(file_) != 0;
        break;
      }
    }
    any = true;
    const char* start = buf_.get() + pos_;
    const auto* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
    const std::size_t n = nl != nullptr ? static_cast<std::size_t>(nl - start) : len_ - pos_;
    pos_ += n + (nl != nullptr ? 1 : 0);
    if (!line.too_long) {
      if (line.text.size() + n > max_bytes_) {
        line.too_long = true;
        line.text.clear();
        line.text.shrink_to_fit();
      } else {
        line.text.append(start, n);
      }
    }
    if (nl != nullptr) break;
  }
  if (!any) return false;
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  line.number = ++number_;
  return true;
}

Result<std::size_t> CountLines(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return MakeError(ErrorCode::kIo, "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  std::size_t lines = 0;
  char last = '\n';
  char buf[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    for (const char* p = buf; (p = static_cast<const char*>(
                                   std::memchr(p, '\n', n - static_cast<std::size_t>(p - buf))));
         ++p) {
      ++lines;
    }
    last = buf[n - 1];
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return MakeError(ErrorCode::kIo, "cannot read " + path.string());
  return lines + (last != '\n' ? 1 : 0);
}

}  // namespace notecoder::app
