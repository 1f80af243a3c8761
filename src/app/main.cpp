// notecoder: ICD-10-CM coding of clinical notes. Subcommands are registered by their own files.
#include <CLI/CLI.hpp>

#include "app/cli_batch.hpp"
#include "app/cli_code.hpp"
#include "app/cli_codes.hpp"
#include "app/cli_model.hpp"
#include "app/cli_serve.hpp"
#include "app/cli_synth.hpp"
#include "app/cli_train.hpp"

int main(int argc, char** argv) {
  CLI::App app{"notecoder: ICD-10-CM codes with evidence from clinical notes"};
  app.require_subcommand(1);
  int exit_code = 0;
  notecoder::app::AddBatchCommand(app, exit_code);
  notecoder::app::AddCodesCommands(app, exit_code);
  notecoder::app::AddCodeCommand(app, exit_code);
  notecoder::app::AddModelCommands(app, exit_code);
  notecoder::app::AddServeCommand(app, exit_code);
  notecoder::app::AddSynthCommand(app, exit_code);
  notecoder::app::AddTrainCommand(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
