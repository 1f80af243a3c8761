#include "infra/mapped_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace notecoder {
namespace {

class MappedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("notecoder_mapped_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(MappedFileTest, MapsWholeFile) {
  const auto path = dir_ / "a.bin";
  std::ofstream(path, std::ios::binary) << "hello mapped world";
  auto f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->view(), "hello mapped world");
  MappedFile moved = std::move(*f);
  EXPECT_EQ(moved.size(), 18u);
}

TEST_F(MappedFileTest, EmptyFileIsEmptyView) {
  const auto path = dir_ / "empty.bin";
  std::ofstream(path, std::ios::binary).flush();
  auto f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->size(), 0u);
}

TEST_F(MappedFileTest, MissingFileIsIoErrorNamingThePath) {
  auto f = MappedFile::Open(dir_ / "nope.bin");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, ErrorCode::kIo);
  EXPECT_NE(f.error().message.find("nope.bin"), std::string::npos);
}

}  // namespace
}  // namespace notecoder
