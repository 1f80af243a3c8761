#include "app/cli_synth.hpp"

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "app/defaults.hpp"
#include "codes/codebook.hpp"
#include "ml/synthetic_conditions.hpp"
#include "ml/synthetic_notes.hpp"

namespace notecoder::app {
namespace {

struct SynthOptions {
  std::size_t notes = 1000;
  std::uint64_t seed = 1;
  std::size_t labels = 0;  // 0: the hand-written conditions only
  std::string out = "-";
  std::string codebook;
};

int RunSynth(const SynthOptions& opts) {
  const auto path =
      opts.codebook.empty() ? DefaultCodebookPath() : std::filesystem::path(opts.codebook);
  auto book = codes::Codebook::Open(path);
  if (!book.ok()) {
    std::cerr << "notecoder synth: " << book.error().message << "\n";
    return 1;
  }
  const std::size_t labels = opts.labels == 0 ? ml::CuratedConditions().size() : opts.labels;
  auto generator = ml::SyntheticNotes::Create(**book, labels);
  if (!generator.ok()) {
    std::cerr << "notecoder synth: " << generator.error().message << "\n";
    return 2;
  }
  std::ofstream file;
  if (opts.out != "-") {
    file.open(opts.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "notecoder synth: cannot write " << opts.out << "\n";
      return 1;
    }
  }
  std::ostream& out = opts.out == "-" ? std::cout : file;
  std::string buffer;
  for (std::size_t i = 0; i < opts.notes; ++i) {
    ml::AppendJsonLine(generator->Generate(opts.seed, i), buffer);
    if (buffer.size() > (1u << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  if (!out) {
    std::cerr << "notecoder synth: writing " << opts.out << " failed\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddSynthCommand(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<SynthOptions>();
  CLI::App* cmd =
      app.add_subcommand("synth", "Write deterministic synthetic labelled notes (JSON lines)");
  cmd->add_option("--notes", opts->notes, "How many notes (default 1000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}));
  cmd->add_option("--seed", opts->seed, "Seed; the same seed gives the same bytes (default 1)");
  cmd->add_option("--labels", opts->labels,
                  "Distinct codes in the corpus: the hand-written conditions, then codes phrased "
                  "from codebook titles (default: the hand-written ones)");
  cmd->add_option("--out", opts->out, "Output file, or - for standard output (default -)");
  cmd->add_option("--codebook", opts->codebook,
                  "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  cmd->callback([opts, &exit_code] { exit_code = RunSynth(*opts); });
}

}  // namespace notecoder::app
