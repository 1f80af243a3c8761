#pragma once
// `notecoder codes ...`: build the snapshot and look codes up.
#include <CLI/CLI.hpp>

namespace notecoder::app {

void AddCodesCommands(CLI::App& app, int& exit_code);

}  // namespace notecoder::app
