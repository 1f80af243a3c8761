#pragma once
// Shared helpers of the codes tests: fixture paths, a per-process scratch directory, and the two
// snapshots (hand-written fixtures; the real CMS files) each built at most once per process.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "codes/codebook.hpp"
#include "codes/snapshot_builder.hpp"

namespace notecoder::codes::testing {

std::filesystem::path FixturePath(std::string_view name);
std::string ReadFixture(std::string_view name);
// Removed when the test program ends.
std::filesystem::path ScratchDir();
// Writes `text` gzip-compressed to `path` with zlib.
void WriteGzip(const std::filesystem::path& path, std::string_view text);

struct BuiltSnapshot {
  SourceFiles sources;
  std::filesystem::path path;
  BuildReport report;
  std::shared_ptr<const Codebook> book;
};

// From tests/codes/fixtures (the tabular as a .gz the test writes); nullptr-book on failure.
const BuiltSnapshot& MiniSnapshot();
// From the official files in IcdSourceDir().
const BuiltSnapshot& RealSnapshot();

}  // namespace notecoder::codes::testing
