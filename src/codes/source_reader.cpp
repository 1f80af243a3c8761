#include "codes/source_reader.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace notecoder::codes {

Result<std::string> ReadSourceFile(const std::filesystem::path& path) {
  // gzopen reads plain files transparently, so one path serves .txt, .xml and .xml.gz.
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    return MakeError(ErrorCode::kIo, "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  gzbuffer(file, 1 << 17);
  std::string out;
  std::error_code ec;
  const auto stored = std::filesystem::file_size(path, ec);
  if (!ec) out.reserve(static_cast<std::size_t>(stored) * 4);
  char buffer[1 << 16];
  for (;;) {
    const int n = gzread(file, buffer, sizeof buffer);
    if (n < 0) {
      int err = 0;
      std::string message = gzerror(file, &err);
      gzclose(file);
      return MakeError(ErrorCode::kDataLoss, "cannot read " + path.string() + ": " + message);
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  // A truncated gzip stream reads as a short file; gzclose reports it.
  if (gzclose(file) != Z_OK) {
    return MakeError(ErrorCode::kDataLoss, "corrupt or truncated gzip data in " + path.string());
  }
  return out;
}

}  // namespace notecoder::codes
