#pragma once
// `notecoder batch`: codes a JSONL file of notes with every core, in-process (rules + ML), in
// input order, resumably; also writes and reads OpenAI Batch API files. See docs/batch.md.
#include <CLI/CLI.hpp>

namespace notecoder::app {

void AddBatchCommand(CLI::App& app, int& exit_code);

}  // namespace notecoder::app
