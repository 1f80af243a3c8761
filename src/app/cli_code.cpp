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
#include "app/warmup.hpp"
#include "codes/codebook.hpp"
#include "pipeline/coder.hpp"
#include "rules/rules_engine.hpp"

namespace notecoder::app {
namespace {

struct CliCodeOptions {
  std::string input = "-";
  std::string codebook;
  std::string model;
  bool compact = false;
};

}  // namespace

void AddCodeCommand(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<CliCodeOptions>();
  CLI::App* cmd = app.add_subcommand("code", "Code one clinical note and print the JSON answer");
  cmd->add_option("file", opts->input, "Note file, or - for standard input (default -)");
  cmd->add_option("--codebook", opts->codebook,
                  "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  cmd->add_option("--model", opts->model,
                  "ML model file whose suggestions are merged in (default: none, rules only)");
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
    pipeline::Engines engines;
    engines.rules = std::make_shared<const rules::RulesEngine>(*book);
    if (!opts->model.empty()) {
      auto model = LoadModel(opts->model, **book);
      if (!model.ok()) {
        std::cerr << "notecoder: " << model.error().message << "\n";
        exit_code = 1;
        return;
      }
      engines.model = std::move(*model);
    }
    pipeline::CodeOptions code_options;
    code_options.limits = limits;
    infra::StageTimings stages;
    const auto start = std::chrono::steady_clock::now();
    auto result = pipeline::CodeNote(engines, *note, code_options, &stages);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!result.ok()) {
      PrintJson(std::cout, api::EncodeError(result.error()), !opts->compact);
      exit_code = 3;
      return;
    }
    api::ResponseTimings timings{stages["rules"], stages["ml"], ms};
    PrintJson(std::cout, api::EncodeCodingResponse(*result, *note, **book, timings),
              !opts->compact);
  });
}

}  // namespace notecoder::app
