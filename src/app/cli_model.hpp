#pragma once
// `notecoder model import|info|score`: build a model file from an export_sklearn.py interchange,
// describe one, and score notes with it (JSON).
#include <CLI/CLI.hpp>

namespace notecoder::app {

void AddModelCommands(CLI::App& app, int& exit_code);

}  // namespace notecoder::app
