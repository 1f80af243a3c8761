// Open() refuses damaged snapshots with a kDataLoss error naming the file and the problem.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <fstream>
#include <iterator>

#include "codes/codebook.hpp"
#include "codes/snapshot_format.hpp"
#include "codes_test_env.hpp"

namespace notecoder::codes {
namespace {

class SnapshotIntegrity : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& mini = testing::MiniSnapshot();
    ASSERT_NE(mini.book, nullptr);
    copy_ = testing::ScratchDir() /
            (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".bin");
    std::filesystem::copy_file(mini.path, copy_, std::filesystem::copy_options::overwrite_existing);
  }

  void Poke(std::size_t offset, const void* bytes, std::size_t n) {
    std::fstream f(copy_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(static_cast<const char*>(bytes), static_cast<std::streamsize>(n));
  }

  void ExpectDataLoss(std::string_view what) {
    auto book = Codebook::Open(copy_);
    ASSERT_FALSE(book.ok());
    EXPECT_EQ(book.error().code, ErrorCode::kDataLoss);
    EXPECT_NE(book.error().message.find(copy_.string()), std::string::npos) << book.error().message;
    EXPECT_NE(book.error().message.find(what), std::string::npos) << book.error().message;
  }

  std::filesystem::path copy_;
};

TEST_F(SnapshotIntegrity, IntactCopyOpens) { EXPECT_TRUE(Codebook::Open(copy_).ok()); }

TEST_F(SnapshotIntegrity, FlippedByteIsAChecksumMismatch) {
  const std::size_t size = std::filesystem::file_size(copy_);
  std::ifstream in(copy_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(size / 2));
  char c = 0;
  in.get(c);
  in.close();
  c = static_cast<char>(c ^ 0x01);
  Poke(size / 2, &c, 1);
  ExpectDataLoss("checksum mismatch");
}

TEST_F(SnapshotIntegrity, DamagedHeaderFieldIsAChecksumMismatch) {
  const char fingerprint_byte = 'z';
  Poke(48, &fingerprint_byte, 1);  // first fingerprint character
  ExpectDataLoss("checksum mismatch");
}

TEST_F(SnapshotIntegrity, TruncatedFile) {
  std::filesystem::resize_file(copy_, std::filesystem::file_size(copy_) - 100);
  ExpectDataLoss("truncated");
  std::filesystem::resize_file(copy_, 40);
  ExpectDataLoss("truncated");
  std::filesystem::resize_file(copy_, 0);
  ExpectDataLoss("truncated");
}

TEST_F(SnapshotIntegrity, WrongMagicIsNotACodebook) {
  Poke(0, "NOTACODE", 8);
  ExpectDataLoss("not a notecoder codebook");
}

TEST_F(SnapshotIntegrity, WrongFormatVersion) {
  const std::uint32_t version = 3;
  Poke(8, &version, sizeof version);  // the field after the 8-byte magic
  ExpectDataLoss("format version 3, expected 1");
}

TEST_F(SnapshotIntegrity, MissingFileIsAnIoError) {
  auto book = Codebook::Open(testing::ScratchDir() / "does-not-exist.bin");
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().code, ErrorCode::kIo);
}

TEST_F(SnapshotIntegrity, RebuildReplacesAtomically) {
  // An open codebook keeps its mapping while the file is replaced under it.
  auto before = Codebook::Open(copy_);
  ASSERT_TRUE(before.ok());
  auto report = BuildSnapshot(testing::MiniSnapshot().sources, copy_);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_FALSE(std::filesystem::exists(copy_.string() + ".tmp"));
  EXPECT_EQ((*before)->Code(*(*before)->Find("E11.22")), "E11.22");
  EXPECT_TRUE(Codebook::Open(copy_).ok());
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(SnapshotIntegrity, FromBytesOpensTheSameSnapshot) {
  auto book = Codebook::FromBytes(ReadAll(copy_), "in-memory");
  ASSERT_TRUE(book.ok()) << book.error().message;
  EXPECT_EQ((*book)->CodeCount(), 22u);
  EXPECT_EQ((*book)->Code(*(*book)->Find("e1122")), "E11.22");
  auto bad = Codebook::FromBytes(ReadAll(copy_).substr(0, 100), "in-memory");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("in-memory"), std::string::npos);
}

// A well-checksummed snapshot whose code points to itself as parent (found by the codebook fuzz
// target: InheritedNotes looped forever) is refused at open.
TEST_F(SnapshotIntegrity, ParentLoopIsRefusedEvenWithAValidChecksum) {
  std::string bytes = ReadAll(copy_);
  format::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  const std::size_t first_code = h.sections[format::kCodes].offset;
  const std::uint32_t self = 0;
  std::memcpy(bytes.data() + first_code + offsetof(format::CodeRecord, parent), &self, sizeof self);
  h.checksum = format::SnapshotChecksum(bytes.data(), bytes.size());
  std::memcpy(bytes.data(), &h, sizeof h);
  auto book = Codebook::FromBytes(bytes, "looped");
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(book.error().message.find("loop"), std::string::npos) << book.error().message;
}

TEST_F(SnapshotIntegrity, BuildFailsCleanlyOnBadSources) {
  SourceFiles sources = testing::MiniSnapshot().sources;
  sources.tabular_xml = testing::FixturePath("order_mini.txt");  // not XML
  auto report = BuildSnapshot(sources, testing::ScratchDir() / "bad.bin");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kDataLoss);
  EXPECT_FALSE(std::filesystem::exists(testing::ScratchDir() / "bad.bin"));
}

}  // namespace
}  // namespace notecoder::codes
