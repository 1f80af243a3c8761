// Codebook benchmarks over a built snapshot: NOTECODER_CODEBOOK (default data/codebook.bin).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "codes/codebook.hpp"

namespace notecoder::codes {
namespace {

std::filesystem::path SnapshotPath() {
  const char* env = std::getenv("NOTECODER_CODEBOOK");
  return (env != nullptr && *env != '\0') ? std::filesystem::path(env)
                                          : std::filesystem::path("data/codebook.bin");
}

std::shared_ptr<const Codebook> OpenOrSkip(benchmark::State& state) {
  auto book = Codebook::Open(SnapshotPath());
  if (!book.ok()) {
    state.SkipWithError(book.error().message.c_str());
    return nullptr;
  }
  return *book;
}

// Open includes the full checksum pass; the first lookup shows the file is usable.
void BM_CodebookOpen(benchmark::State& state) {
  for (auto _ : state) {
    auto book = OpenOrSkip(state);
    if (!book) return;
    benchmark::DoNotOptimize(book->Find("E11.22"));
  }
}
BENCHMARK(BM_CodebookOpen)->Unit(benchmark::kMillisecond);

void BM_Find(benchmark::State& state) {
  auto book = OpenOrSkip(state);
  if (!book) return;
  static constexpr const char* kCodes[] = {"E11.22",   "e1122",    "I10",
                                           "S72.001A", "T36.0X1A", "Z99.99"};
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(book->Find(kCodes[i++ % std::size(kCodes)]));
  }
}
BENCHMARK(BM_Find);

void BM_Search(benchmark::State& state) {
  auto book = OpenOrSkip(state);
  if (!book) return;
  static constexpr const char* kQueries[] = {"type 2 diabetes ckd", "essential hypertension",
                                             "copd exacerbation", "fracture of neck of femur",
                                             "pneum"};
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(book->Search(kQueries[i++ % std::size(kQueries)], 10));
  }
}
BENCHMARK(BM_Search)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace notecoder::codes
