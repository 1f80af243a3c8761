#include "infra/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace notecoder {

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      owned_(std::move(other.owned_)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    Reset();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    owned_ = std::move(other.owned_);
  }
  return *this;
}

MappedFile::~MappedFile() { Reset(); }

void MappedFile::Reset() {
  if (owned_ == nullptr && data_ != nullptr && size_ > 0) {
    ::munmap(const_cast<std::byte*>(data_), size_);
  }
  owned_.reset();
  data_ = nullptr;
  size_ = 0;
}

MappedFile MappedFile::Copy(std::string_view bytes) {
  MappedFile file;
  if (bytes.empty()) return file;
  file.owned_ = std::make_unique_for_overwrite<std::byte[]>(bytes.size());
  std::memcpy(file.owned_.get(), bytes.data(), bytes.size());
  file.data_ = file.owned_.get();
  file.size_ = bytes.size();
  return file;
}

Result<MappedFile> MappedFile::Open(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return MakeError(ErrorCode::kIo, "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return MakeError(ErrorCode::kIo, "cannot stat " + path.string() + ": " + std::strerror(err));
  }
  MappedFile file;
  if (st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      return MakeError(ErrorCode::kIo, "cannot mmap " + path.string() + ": " + std::strerror(err));
    }
    file.data_ = static_cast<const std::byte*>(p);
    file.size_ = static_cast<std::size_t>(st.st_size);
  }
  ::close(fd);
  return file;
}

}  // namespace notecoder
