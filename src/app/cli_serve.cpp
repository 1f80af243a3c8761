#include "app/cli_serve.hpp"

#include <iostream>

#include "app/service.hpp"

namespace notecoder::app {

void AddServeCommand(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run the HTTP service (settings from the environment: see README, Service)");
  cmd->callback([&exit_code] {
    auto settings = infra::LoadSettings(infra::ProcessEnv());
    if (!settings.ok()) {
      // Before logging is configured; a plain message an operator reads in the crash log.
      std::cerr << "notecoder serve: " << settings.error().message << "\n";
      exit_code = 2;
      return;
    }
    exit_code = RunService(*settings);
  });
}

}  // namespace notecoder::app
