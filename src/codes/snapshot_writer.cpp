#include "codes/snapshot_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "codes/hash.hpp"

namespace notecoder::codes {
namespace {

constexpr std::size_t kAlign = 8;

class Layout {
 public:
  explicit Layout(std::string* buffer) : buffer_(buffer) {
    buffer_->resize(sizeof(format::Header));
  }

  template <class T>
  void Add(format::Section section, const std::vector<T>& items) {
    AddBytes(section, items.data(), items.size() * sizeof(T));
  }
  void AddBytes(format::Section section, const void* data, std::size_t size) {
    buffer_->resize((buffer_->size() + kAlign - 1) / kAlign * kAlign, '\0');
    entries_[section] = {buffer_->size(), size};
    if (size > 0) buffer_->append(static_cast<const char*>(data), size);
  }
  const format::SectionEntry* entries() const { return entries_; }

 private:
  std::string* buffer_;
  format::SectionEntry entries_[format::kSectionCount] = {};
};

Error IoError(const std::string& what, const std::filesystem::path& path) {
  return MakeError(ErrorCode::kIo, what + " " + path.string() + ": " + std::strerror(errno));
}

Status WriteFileDurably(const std::filesystem::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create", path);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e = IoError("cannot write", path);
      ::close(fd);
      return e;
    }
    done += static_cast<std::size_t>(n);
  }
  // The rename below must never publish a file whose bytes are not yet on disk.
  if (::fsync(fd) != 0) {
    Error e = IoError("cannot sync", path);
    ::close(fd);
    return e;
  }
  if (::close(fd) != 0) return IoError("cannot close", path);
  return {};
}

}  // namespace

Result<std::size_t> WriteSnapshot(const SnapshotTables& t, const std::filesystem::path& out) {
  std::string buffer;
  buffer.reserve(32u << 20);
  Layout layout(&buffer);
  layout.Add(format::kCodes, t.codes);
  layout.Add(format::kLookup, t.lookup);
  layout.Add(format::kChildren, t.children);
  layout.AddBytes(format::kStrings, t.strings.data().data(), t.strings.data().size());
  layout.Add(format::kNotes, t.notes);
  layout.Add(format::kExcludes1Refs, t.excludes1_refs);
  layout.Add(format::kChapters, t.chapters);
  layout.Add(format::kSections, t.sections);
  layout.Add(format::kSevenDefs, t.seven_defs);
  layout.Add(format::kSevenExts, t.seven_exts);
  layout.Add(format::kTerms, t.terms);
  layout.Add(format::kMainTermKeys, t.main_term_keys);
  layout.Add(format::kWords, t.words);
  layout.Add(format::kPostingIds, t.posting_ids);
  layout.Add(format::kPostingWeights, t.posting_weights);
  buffer.resize((buffer.size() + kAlign - 1) / kAlign * kAlign, '\0');

  format::Header header{};
  std::memcpy(header.magic, format::kMagic, sizeof header.magic);
  header.version = format::kFormatVersion;
  header.total_size = buffer.size();
  header.code_count = static_cast<std::uint32_t>(t.codes.size());
  header.billable_count = t.billable_count;
  header.term_count = static_cast<std::uint32_t>(t.terms.size());
  header.main_term_count = t.main_term_count;
  std::memcpy(header.fingerprint, t.fingerprint.data(),
              std::min(t.fingerprint.size(), sizeof header.fingerprint));
  std::memcpy(header.sections, layout.entries(), sizeof header.sections);
  std::memcpy(buffer.data(), &header, sizeof header);
  header.checksum = format::SnapshotChecksum(buffer.data(), buffer.size());
  std::memcpy(buffer.data(), &header, sizeof header);

  std::filesystem::path tmp = out;
  tmp += ".tmp";
  std::error_code ec;
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
  if (Status s = WriteFileDurably(tmp, buffer); !s.ok()) {
    std::filesystem::remove(tmp, ec);
    return s.error();
  }
  std::filesystem::rename(tmp, out, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::filesystem::remove(tmp, ec);
    return MakeError(ErrorCode::kIo,
                     "cannot rename " + tmp.string() + " to " + out.string() + ": " + reason);
  }
  return buffer.size();
}

}  // namespace notecoder::codes
