#include "codes_test_env.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <sstream>

#include "support/test_paths.hpp"

namespace notecoder::codes::testing {
namespace {

class ScratchEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(ScratchDir(), ec);
  }
};

[[maybe_unused]] ::testing::Environment* const kScratchEnv =
    ::testing::AddGlobalTestEnvironment(new ScratchEnvironment);

BuiltSnapshot Build(SourceFiles sources, const std::filesystem::path& out) {
  BuiltSnapshot built;
  built.sources = std::move(sources);
  built.path = out;
  auto report = BuildSnapshot(built.sources, out);
  if (!report.ok()) {
    ADD_FAILURE() << "BuildSnapshot failed: " << report.error().message;
    return built;
  }
  built.report = *report;
  auto book = Codebook::Open(out);
  if (!book.ok()) {
    ADD_FAILURE() << "Open failed: " << book.error().message;
    return built;
  }
  built.book = *book;
  return built;
}

}  // namespace

std::filesystem::path FixturePath(std::string_view name) {
  return std::filesystem::path(NOTECODER_CODES_FIXTURES) / name;
}

std::string ReadFixture(std::string_view name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path ScratchDir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("notecoder-codes-tests-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

void WriteGzip(const std::filesystem::path& path, std::string_view text) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, text.data(), static_cast<unsigned>(text.size())),
            static_cast<int>(text.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

const BuiltSnapshot& MiniSnapshot() {
  static const BuiltSnapshot built = [] {
    SourceFiles sources;
    sources.order = FixturePath("order_mini.txt");
    sources.order_addenda = FixturePath("order_addenda_mini.txt");
    sources.tabular_xml = ScratchDir() / "tabular_mini.xml.gz";
    WriteGzip(sources.tabular_xml, ReadFixture("tabular_mini.xml"));
    sources.index_xml = FixturePath("index_mini.xml");
    return Build(sources, ScratchDir() / "mini" / "codebook.bin");
  }();
  return built;
}

const BuiltSnapshot& RealSnapshot() {
  // Built here rather than taken from the ctest fixture so the BuildReport can be checked too,
  // and so the suite also runs outside ctest.
  static const BuiltSnapshot built =
      Build(SourceFiles::InDirectory(notecoder::testing::IcdSourceDir()),
            ScratchDir() / "real" / "codebook.bin");
  return built;
}

}  // namespace notecoder::codes::testing
