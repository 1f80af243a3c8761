// One note through the engines as the service runs them (pipeline::CodeNote): rules only, and
// rules + the ML model (MODEL_PATH, default data/model.bin), over the development notes one
// after another, side by side in one run. BM_Request* is the CPU worker's whole share of one
// POST /predict/coder (decode the body, code, encode the answer) over the HTTP benchmark's
// rotation of distinct notes (ROTATION_FILE, bench/http/make_rotation.py).
#include <benchmark/benchmark.h>

#include "dev_notes.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <boost/json.hpp>

#include "api/coding_run.hpp"
#include "api/predict_request.hpp"
#include "pipeline/coder.hpp"

namespace {

using notecoder::pipeline::Engines;

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

const Engines& Loaded() {
  static const Engines* engines = [] {
    auto book = notecoder::codes::Codebook::Open(Env("NOTECODER_CODEBOOK", "data/codebook.bin"));
    if (!book.ok()) {
      std::fprintf(stderr, "%s\n", book.error().message.c_str());
      std::exit(1);
    }
    auto* e = new Engines;
    e->rules = std::make_shared<const notecoder::rules::RulesEngine>(*book);
    auto model = notecoder::ml::Model::Open(Env("MODEL_PATH", "data/model.bin"), **book);
    if (model.ok()) {
      e->model = *model;
    } else {
      std::fprintf(stderr, "no model (%s): the ML benchmark is skipped\n",
                   model.error().message.c_str());
    }
    return e;
  }();
  return *engines;
}

const std::vector<std::string>& Notes() { return DevNotes(); }

void Run(benchmark::State& state, bool use_model) {
  const Engines& engines = Loaded();
  if (use_model && !engines.model) {
    state.SkipWithError("no model file");
    return;
  }
  notecoder::pipeline::CodeOptions options;
  options.use_model = use_model;
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& n : Notes()) {
      auto r = notecoder::pipeline::CodeNote(engines, n, options);
      benchmark::DoNotOptimize(r);
      bytes += n.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["notes/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * Notes().size()), benchmark::Counter::kIsRate);
}

void BM_PipelineRulesOnly(benchmark::State& state) { Run(state, false); }
void BM_PipelineRulesAndModel(benchmark::State& state) { Run(state, true); }
BENCHMARK(BM_PipelineRulesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PipelineRulesAndModel)->Unit(benchmark::kMillisecond);

// The request bodies of the HTTP rotation benchmark, or the dev notes as bodies without it.
const std::vector<std::string>& RequestBodies() {
  static const std::vector<std::string> bodies = [] {
    std::vector<std::string> v;
    std::ifstream in(Env("ROTATION_FILE", "/tmp/notecoder-rotation.jsonl"));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) v.push_back(line);
    }
    if (v.empty()) {
      std::fprintf(stderr, "no ROTATION_FILE: request benchmarks use the dev notes\n");
      for (const auto& n : DevNotes()) {
        v.push_back(boost::json::serialize(boost::json::object{{"note", n}}));
      }
    }
    return v;
  }();
  return bodies;
}

void RunRequests(benchmark::State& state, bool use_model) {
  const Engines& engines = Loaded();
  if (use_model && !engines.model) {
    state.SkipWithError("no model file");
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& body : RequestBodies()) {
      auto request = notecoder::api::ParsePredictRequest(body);
      if (!request.ok()) {
        state.SkipWithError("bad request body");
        return;
      }
      request->options.use_ml = use_model;
      auto answer = notecoder::api::CodeAndEncode(engines, request->note, request->options, nullptr,
                                                  std::chrono::steady_clock::now());
      benchmark::DoNotOptimize(answer);
      bytes += body.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["req/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * RequestBodies().size()),
                         benchmark::Counter::kIsRate);
}

void BM_RequestRulesOnly(benchmark::State& state) { RunRequests(state, false); }
void BM_RequestRulesAndModel(benchmark::State& state) { RunRequests(state, true); }
BENCHMARK(BM_RequestRulesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RequestRulesAndModel)->Unit(benchmark::kMillisecond);

}  // namespace
