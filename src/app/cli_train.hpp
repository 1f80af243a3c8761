#pragma once
// `notecoder train --data notes.jsonl --out model.bin [options]`: fits the tf-idf + one-vs-rest
// linear model (scikit-learn-identical) on labelled notes, prints held-out metrics, writes the
// model file. Exit status: 0 done, 1 a file could not be read or written, 2 bad data or options.
#include <CLI/CLI.hpp>

namespace notecoder::app {

void AddTrainCommand(CLI::App& app, int& exit_code);

}  // namespace notecoder::app
