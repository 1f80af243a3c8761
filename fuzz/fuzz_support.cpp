#include "fuzz_support.hpp"

#include <unistd.h>

#include <filesystem>
#include <string>

#include "codes/snapshot_builder.hpp"

namespace notecoder::fuzz {

const std::shared_ptr<const codes::Codebook>& MiniCodebook() {
  static const std::shared_ptr<const codes::Codebook> book = [] {
    namespace fs = std::filesystem;
    const fs::path fixtures = fs::path(NOTECODER_SOURCE_DIR) / "tests" / "codes" / "fixtures";
    const fs::path dir =
        fs::temp_directory_path() / ("notecoder_fuzz_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    codes::SourceFiles sources;
    sources.order = fixtures / "order_mini.txt";
    sources.order_addenda = fixtures / "order_addenda_mini.txt";
    sources.tabular_xml = fixtures / "tabular_mini.xml";
    sources.index_xml = fixtures / "index_mini.xml";
    const fs::path out = dir / "codebook.bin";
    auto built = codes::BuildSnapshot(sources, out);
    if (!built.ok()) {
      std::fprintf(stderr, "fuzz: cannot build the fixture codebook: %s\n",
                   built.error().message.c_str());
      std::abort();
    }
    auto opened = codes::Codebook::Open(out);
    std::error_code ec;
    fs::remove_all(dir, ec);  // the mapping outlives the file
    FUZZ_CHECK(opened.ok());
    return *opened;
  }();
  return book;
}

}  // namespace notecoder::fuzz
