#pragma once
#include <CLI/CLI.hpp>

namespace notecoder::app {

// `notecoder serve`: the HTTP service, configured by environment variables only.
void AddServeCommand(CLI::App& app, int& exit_code);

}  // namespace notecoder::app
