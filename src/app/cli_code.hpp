#pragma once
// `notecoder code [FILE|-]`: code one note and print the JSON the service returns.
#include <CLI/CLI.hpp>

namespace notecoder::app {

void AddCodeCommand(CLI::App& app, int& exit_code);

}  // namespace notecoder::app
