#pragma once
// A read-only memory mapping of a whole file; snapshots and model files are used in place.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

#include "infra/result.hpp"

namespace notecoder {

class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  ~MappedFile();

  static Result<MappedFile> Open(const std::filesystem::path& path);
  // A heap copy of `bytes` with the same interface (16-byte aligned, as a mapping's sections
  // need): loaders take bytes from memory (fuzzing, tests) through the path a mapped file takes,
  // and AddressSanitizer sees a read past the end, which inside a mapping's last page it cannot.
  static MappedFile Copy(std::string_view bytes);

  const std::byte* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

 private:
  void Reset();
  const std::byte* data_ = nullptr;
  std::size_t size_ = 0;
  std::unique_ptr<std::byte[]> owned_;  // set by Copy(); data_ points into it, nothing is mapped
};

}  // namespace notecoder
