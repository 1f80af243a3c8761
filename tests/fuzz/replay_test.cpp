// Replays the seed corpus and the crash regressions of every fuzz target (fuzz/README in the
// top-level README, "Fuzzing") through the same LLVMFuzzerTestOneInput, compiled by g++. A
// target aborts on a broken invariant, which fails the test; the file being run is printed first
// so the failure names it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#define NOTECODER_FUZZ_TARGETS(X) \
  X(http_request)                 \
  X(predict_request)              \
  X(analyzer)                     \
  X(model)                        \
  X(codebook)                     \
  X(sse)                          \
  X(batch_jsonl)

#define NOTECODER_DECLARE(name) \
  extern "C" int FuzzOne_##name(const std::uint8_t* data, std::size_t size);
NOTECODER_FUZZ_TARGETS(NOTECODER_DECLARE)
#undef NOTECODER_DECLARE

namespace {

namespace fs = std::filesystem;
using EntryPoint = int (*)(const std::uint8_t*, std::size_t);

struct Target {
  const char* name;
  EntryPoint run;
};

#define NOTECODER_ENTRY(name) Target{#name, &FuzzOne_##name},
const Target kTargets[] = {NOTECODER_FUZZ_TARGETS(NOTECODER_ENTRY)};
#undef NOTECODER_ENTRY

std::vector<fs::path> FilesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename().string().front() != '.') {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t Replay(const Target& t, const fs::path& dir) {
  const auto files = FilesIn(dir);
  for (const auto& f : files) {
    std::fprintf(stderr, "replaying %s\n", f.string().c_str());
    const std::string bytes = ReadAll(f);
    // libFuzzer passes a non-null pointer even for an empty input.
    const std::uint8_t empty = 0;
    const auto* data = bytes.empty() ? &empty : reinterpret_cast<const std::uint8_t*>(bytes.data());
    EXPECT_EQ(t.run(data, bytes.size()), 0) << f;
  }
  return files.size();
}

class FuzzReplay : public ::testing::TestWithParam<Target> {};

TEST_P(FuzzReplay, SeedCorpus) {
  const fs::path dir = fs::path(NOTECODER_FUZZ_DIR) / "corpus" / GetParam().name;
  EXPECT_GT(Replay(GetParam(), dir), 0u) << "no seeds in " << dir;
}

TEST_P(FuzzReplay, Regressions) {
  Replay(GetParam(), fs::path(NOTECODER_FUZZ_DIR) / "regressions" / GetParam().name);
}

TEST_P(FuzzReplay, EmptyAndTinyInputs) {
  const std::uint8_t bytes[] = {0, 0xff, '\n', '{'};
  for (std::size_t n = 0; n <= sizeof bytes; ++n) EXPECT_EQ(GetParam().run(bytes, n), 0);
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(kTargets),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
