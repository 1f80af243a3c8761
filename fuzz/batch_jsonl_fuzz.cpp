// The batch input path: a JSONL file read by JsonlReader (bounded lines), each line decoded by
// ParseBatchLine and answered by its output record. The bytes go to a memfd so the reader runs
// on a real file descriptor, as it does on a file; the line bound comes from the first byte.
#include <sys/mman.h>
#include <unistd.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <cstdint>
#include <string>

#include "app/batch_record.hpp"
#include "app/jsonl_reader.hpp"
#include "fuzz_support.hpp"

namespace {

// A /proc/self/fd path to a memfd holding `bytes`; closed with the object.
class MemFile {
 public:
  explicit MemFile(std::string_view bytes) : fd_(::memfd_create("batch_jsonl_fuzz", MFD_CLOEXEC)) {
    FUZZ_CHECK(fd_ >= 0);
    for (std::size_t done = 0; done < bytes.size();) {
      const auto n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      FUZZ_CHECK(n > 0);
      done += static_cast<std::size_t>(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { ::close(fd_); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

void CheckRecord(const std::string& record, std::size_t line) {
  FUZZ_CHECK(!record.empty() && record.back() == '\n');
  std::error_code ec;
  const auto v = boost::json::parse(record, ec);
  FUZZ_CHECK(!ec && v.is_object());
  FUZZ_CHECK(v.as_object().at("line").to_number<std::size_t>() == line);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace notecoder;
  if (size == 0) return 0;
  const std::size_t max_bytes = 16 + data[0] * 4u;  // 16..1036: long lines are reached often
  const MemFile file(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  auto reader = app::JsonlReader::Open(file.path(), max_bytes);
  FUZZ_CHECK(reader.ok());
  app::JsonlLine line;
  std::size_t lines = 0;
  while (reader->Next(line)) {
    ++lines;
    FUZZ_CHECK(line.number == lines);
    FUZZ_CHECK(line.text.size() <= max_bytes);
    FUZZ_CHECK(!line.too_long || line.text.empty());
    if (line.too_long) continue;
    auto input = app::ParseBatchLine(line.text);
    if (input.ok()) {
      FUZZ_CHECK(!input->note.empty());
      boost::json::object body;
      body["codes"] = boost::json::array();
      CheckRecord(app::CodedRecord(line.number, input->id, std::move(body)), line.number);
    } else {
      CheckRecord(app::ErrorRecord(line.number, {}, input.error()), line.number);
    }
  }
  FUZZ_CHECK(!reader->failed());
  // The progress meter's total and the reader must agree on what a line is.
  auto counted = app::CountLines(file.path());
  FUZZ_CHECK(counted.ok() && *counted == lines);
  return 0;
}
