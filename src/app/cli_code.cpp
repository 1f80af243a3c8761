#include "app/cli_code.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "api/coding_response.hpp"
#include "api/error_body.hpp"
#include "app/defaults.hpp"
#include "app/json_print.hpp"
#include "app/note_input.hpp"
#include "codes/codebook.hpp"
#include "rules/rules_engine.hpp"

namespace notecoder::app {
namespace {

struct CodeOptions {
  std::string input = "-";
  std::string codebook;
  bool compact = false;
};

}  // namespace

void AddCodeCommand(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<CodeOptions>();
  CLI::App* cmd = app.add_subcommand("code", "Code one clinical note and print the JSON answer");
  cmd->add_option("file", opts->input, "Note file, or - for standard input (default -)");
  cmd->add_option("--codebook", opts->codebook,
                  "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  cmd->add_flag("--compact", opts->compact, "One-line JSON");
  cmd->callback([opts, &exit_code] {
    const nlp::AnalyzeLimits limits;
    auto note = ReadNote(opts->input, limits.max_bytes);
    if (!note.ok()) {
      PrintJson(std::cout, api::EncodeError(note.error()), !opts->compact);
      exit_code = 3;
      return;
    }
    const auto path =
        opts->codebook.empty() ? DefaultCodebookPath() : std::filesystem::path(opts->codebook);
    auto book = codes::Codebook::Open(path);
    if (!book.ok()) {
      std::cerr << "notecoder: " << book.error().message << "\n";
      exit_code = 1;
      return;
    }
    const rules::RulesEngine engine(*book);
    const auto start = std::chrono::steady_clock::now();
    auto result = engine.Code(*note, limits);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!result.ok()) {
      PrintJson(std::cout, api::EncodeError(result.error()), !opts->compact);
      exit_code = 3;
      return;
    }
    api::ResponseTimings timings{ms, ms};
    PrintJson(std::cout, api::EncodeCodingResponse(*result, *note, **book, timings),
              !opts->compact);
  });
}

}  // namespace notecoder::app
