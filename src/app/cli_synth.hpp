#pragma once
// `notecoder synth --notes N --seed S --out notes.jsonl [--labels K]`: deterministic synthetic
// labelled notes (JSON lines) for training the demonstration model, tests and benchmarks.
#include <CLI/CLI.hpp>

namespace notecoder::app {

void AddSynthCommand(CLI::App& app, int& exit_code);

}  // namespace notecoder::app
