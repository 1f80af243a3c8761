#include "app/note_input.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace notecoder::app {

Result<std::string> ReadNote(const std::string& path, std::size_t max_bytes) {
  const bool is_stdin = path == "-";
  std::unique_ptr<FILE, int (*)(FILE*)> owned(nullptr, &std::fclose);
  FILE* f = stdin;
  if (!is_stdin) {
    owned.reset(std::fopen(path.c_str(), "rb"));
    if (!owned) {
      return MakeError(ErrorCode::kNotFound, "cannot open " + path + ": " + std::strerror(errno));
    }
    f = owned.get();
  }
  std::string text;
  char buf[1 << 16];
  while (true) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    if (n > 0) {
      if (text.size() + n > max_bytes) {
        return MakeError(ErrorCode::kResourceExhausted,
                         "note is larger than " + std::to_string(max_bytes) + " bytes");
      }
      text.append(buf, n);
    }
    if (n < sizeof buf) {
      if (std::ferror(f))
        return MakeError(ErrorCode::kIo,
                         "cannot read " + (is_stdin ? std::string("standard input") : path));
      break;
    }
  }
  return text;
}

}  // namespace notecoder::app
