// Rules engine throughput on realistic notes: the bundled development notes, coded one after
// another (bytes/s per core), plus a 4 KB note on its own.
#include <benchmark/benchmark.h>

#include "dev_notes.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "rules/rules_engine.hpp"

namespace {

using notecoder::rules::RulesEngine;

std::string CodebookPath() {
  const char* v = std::getenv("NOTECODER_CODEBOOK");
  return v ? v : "data/codebook.bin";
}

const RulesEngine& Engine() {
  static const RulesEngine* engine = [] {
    auto book = notecoder::codes::Codebook::Open(CodebookPath());
    if (!book.ok()) {
      std::fprintf(stderr, "%s\n", book.error().message.c_str());
      std::exit(1);
    }
    return new RulesEngine(*book);
  }();
  return *engine;
}

const std::vector<std::string>& Notes() { return DevNotes(); }

void BM_RulesEngineDevNotes(benchmark::State& state) {
  const auto& engine = Engine();
  const auto& notes = Notes();
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& n : notes) {
      auto r = engine.Code(n);
      benchmark::DoNotOptimize(r);
      bytes += n.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["notes/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * notes.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RulesEngineDevNotes)->Unit(benchmark::kMillisecond);

void BM_RulesEngine4KNote(benchmark::State& state) {
  const auto& engine = Engine();
  // The dev note closest to 4 KB.
  const auto& notes = Notes();
  const std::string* best = &notes.front();
  for (const auto& n : notes) {
    if (std::labs(static_cast<long>(n.size()) - 4096) <
        std::labs(static_cast<long>(best->size()) - 4096))
      best = &n;
  }
  for (auto _ : state) {
    auto r = engine.Code(*best);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * best->size()));
  state.SetLabel(std::to_string(best->size()) + " bytes");
}
BENCHMARK(BM_RulesEngine4KNote)->Unit(benchmark::kMicrosecond);

void BM_RulesEngineBuild(benchmark::State& state) {
  auto book = notecoder::codes::Codebook::Open(CodebookPath());
  for (auto _ : state) {
    RulesEngine engine(*book);
    benchmark::DoNotOptimize(engine);
  }
}
BENCHMARK(BM_RulesEngineBuild)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

namespace {
// Each dev note coded alone, over and over: its caches stay warm, so the gap to the rotation
// figure above is what switching between notes costs.
void BM_RulesEngineEachNote(benchmark::State& state) {
  const auto& engine = Engine();
  const auto& n = Notes()[static_cast<std::size_t>(state.range(0))];
  for (auto _ : state) {
    auto r = engine.Code(n);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n.size()));
}
BENCHMARK(BM_RulesEngineEachNote)->DenseRange(0, 29)->Unit(benchmark::kMicrosecond);
}  // namespace
