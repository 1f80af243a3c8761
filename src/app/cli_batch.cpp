#include "app/cli_batch.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "api/coding_response.hpp"
#include "api/coding_run.hpp"
#include "app/batch_output.hpp"
#include "app/batch_plan.hpp"
#include "app/batch_record.hpp"
#include "app/defaults.hpp"
#include "app/jsonl_reader.hpp"
#include "app/openai_batch.hpp"
#include "app/ordered_runner.hpp"
#include "app/progress_meter.hpp"
#include "app/warmup.hpp"
#include "infra/core_dumps.hpp"
#include "infra/settings.hpp"
#include "llm/http_chat_client.hpp"
#include "pipeline/coder.hpp"
#include "pipeline/difficulty.hpp"
#include "pipeline/llm_refinement.hpp"

namespace notecoder::app {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxReportedBadLines = 50;

struct BatchOptions {
  std::string in, out, codebook, model, shard, export_openai, ingest_openai, prompt, llm_model;
  int threads = 0;
  std::size_t max_codes = 200;
  std::size_t from_line = 0, to_line = 0;
  std::size_t max_line_bytes = 8u << 20;
  bool no_excluded = false, skip_bad = false, restart = false, quiet = false;
  bool llm = false;  // --llm: the LLM stage for notes that need it (LLM_* settings)
};

struct Item {
  JsonlLine line;
};

struct Done {
  std::size_t line = 0;
  std::string record;          // empty: nothing to write (blank line, skipped bad line)
  std::optional<Error> error;  // a bad line: its message (never note text)
  bool blank = false;
};

// What every worker shares, read-only.
struct Shared {
  pipeline::Engines engines;
  api::PredictOptions options;
  bool skip_bad = false;
  // Export mode: write a chat-completions request instead of a result.
  bool export_openai = false;
  std::string prompt, llm_model;
  const LlmResults* llm = nullptr;  // ingest mode
  // Live LLM stage (--llm): agent calls run as coroutines on this context, bounded process-wide
  // by LLM_CONCURRENCY; a worker waits for its note's calls.
  boost::asio::io_context* llm_io = nullptr;
  double time_budget_s = 20;
};

Done CodeLine(const Shared& s, Item& item) {
  Done d;
  d.line = item.line.number;
  const std::string& text = item.line.text;
  if (!item.line.too_long && text.find_first_not_of(" \t") == std::string::npos) {
    d.blank = true;
    return d;
  }
  boost::json::value id;
  Result<BatchInput> input =
      item.line.too_long ? Result<BatchInput>(MakeError(ErrorCode::kResourceExhausted,
                                                        "the line is longer than --max-line-bytes"))
                         : ParseBatchLine(text);
  const auto fail = [&](const Error& e) {
    d.error = e;
    if (!s.skip_bad) d.record = ErrorRecord(d.line, id, e);
    return d;
  };
  if (!input.ok()) return fail(input.error());
  id = input->id;
  infra::StageTimings timings;
  pipeline::CodeOptions code_options;
  code_options.use_model = s.options.use_ml;
  const auto start = Clock::now();
  auto coded = pipeline::CodeNote(s.engines, input->note, code_options, &timings);
  if (!coded.ok()) return fail(coded.error());
  if (s.llm_io != nullptr && s.engines.agents) {
    if (const auto difficulty = pipeline::AssessDifficulty(*coded); !difficulty.needs_llm) {
      coded->llm.skipped_reason = difficulty.reason;
    } else {
      pipeline::LlmStageOptions llm_options;
      llm_options.deadline =
          start + std::chrono::milliseconds(static_cast<long long>(s.time_budget_s * 1000));
      auto done = boost::asio::co_spawn(
          *s.llm_io,
          pipeline::RefineWithLlm(*s.engines.agents, s.engines.rules->book(), input->note,
                                  api::EncodeBasics(coded->rules.basics, input->note), *coded,
                                  std::move(llm_options)),
          boost::asio::use_future);
      done.get();  // this worker's note; other workers' calls run meanwhile
    }
  }
  api::ApplyOptions(s.options, *coded);
  const api::ResponseTimings rt{
      timings["rules"], timings["ml"],
      std::chrono::duration<double, std::milli>(Clock::now() - start).count()};
  auto body = api::EncodeCodingResponse(*coded, input->note, s.engines.rules->book(), rt);
  if (s.export_openai) {
    d.record = OpenAiRequestLine(d.line, s.llm_model, s.prompt, input->note, body);
    return d;
  }
  if (s.llm != nullptr) {
    const auto it = s.llm->by_line.find(d.line);
    MergeLlmAnswer(it == s.llm->by_line.end() ? nullptr : &it->second, input->note,
                   s.engines.rules->book(), body);
  }
  d.record = CodedRecord(d.line, id, std::move(body));
  return d;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return MakeError(ErrorCode::kIo, "cannot read the prompt file " + path);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The model path as the service resolves MODEL_PATH: unset → data/model.bin when present,
// "none" → rules only, anything else must load.
WarmupOptions EngineOptions(const BatchOptions& o) {
  WarmupOptions w;
  w.codebook_path = o.codebook.empty() ? DefaultCodebookPath().string() : o.codebook;
  w.code_sample_note = false;
  if (o.model.empty()) {
    w.model_path = "data/model.bin";
  } else if (o.model != "none") {
    w.model_path = o.model;
    w.model_required = true;
  }
  return w;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "notecoder batch: %s\n", message.c_str());
  return 1;
}

// The id of line `number` of the input, to check a resumed output belongs to it.
bool SameId(const std::string& text, const boost::json::value& id) {
  auto parsed = ParseBatchLine(text);
  return parsed.ok() && parsed->id == id;
}

int RunBatch(const BatchOptions& o) {
  // Before any note is read: a core dump of this process would hold them in clear.
  const auto allow_core_dumps = infra::LoadAllowCoreDumps(infra::ProcessEnv());
  if (!allow_core_dumps.ok()) return Fail(allow_core_dumps.error().message);
  if (!*allow_core_dumps) {
    if (const auto off = infra::DisableCoreDumps(); !off.ok()) return Fail(off.error().message);
  }
  const bool exporting = !o.export_openai.empty();
  if (!exporting && o.out.empty()) return Fail("--out is required (or --export-openai)");
  if (exporting && !o.ingest_openai.empty()) {
    return Fail("--export-openai and --ingest-openai are separate runs");
  }
  std::error_code same_ec;
  if (!o.out.empty() && fs::exists(o.out) && fs::equivalent(o.in, o.out, same_ec)) {
    return Fail("--out must not be the --in file");
  }
  auto total = CountLines(o.in);
  if (!total.ok()) return Fail(total.error().message);
  auto range = PlanLines(*total, o.from_line, o.to_line, o.shard);
  if (!range.ok()) return Fail(range.error().message);

  Shared shared;
  shared.options.max_codes = o.max_codes;
  shared.options.include_excluded = !o.no_excluded;
  shared.skip_bad = o.skip_bad;
  const fs::path out_path = exporting ? fs::path(o.export_openai) : fs::path(o.out);
  if (exporting) {
    shared.export_openai = true;
    auto prompt = ReadFile(o.prompt);
    if (!prompt.ok()) return Fail(prompt.error().message + " (see --prompt)");
    shared.prompt = std::move(*prompt);
    shared.llm_model = o.llm_model;
  }
  LlmResults llm;
  if (!o.ingest_openai.empty()) {
    auto read = ReadOpenAiResults(o.ingest_openai, stderr);
    if (!read.ok()) return Fail(read.error().message);
    llm = std::move(*read);
    shared.llm = &llm;
  }

  // Resume: the output is the checkpoint (batch_output.hpp). An export is rewritten whole.
  ResumePoint resume;
  if (!exporting && !o.restart) {
    auto r = PrepareResume(out_path);
    if (!r.ok()) return Fail(r.error().message);
    resume = std::move(*r);
    if (resume.last_line != 0 && resume.last_line + 1 < range->first) {
      return Fail("the output ends at line " + std::to_string(resume.last_line) +
                  ", before this run's first line " + std::to_string(range->first) +
                  "; use --restart or another --out");
    }
  }
  const std::size_t skip_through = std::max(range->first - 1, resume.last_line);
  const std::size_t todo = range->last > skip_through ? range->last - skip_through : 0;

  // --llm: one io thread drives every agent call; the client is destroyed before it (below).
  boost::asio::io_context llm_io(1);
  auto llm_work = boost::asio::make_work_guard(llm_io);
  std::thread llm_thread;
  std::unique_ptr<llm::HttpChatClient> llm_client;
  struct StopIo {
    boost::asio::io_context& io;
    std::thread& thread;
    ~StopIo() {
      io.stop();
      if (thread.joinable()) thread.join();
    }
  } stop_io{llm_io, llm_thread};
  WarmupOptions warmup = EngineOptions(o);
  if (o.llm) {
    auto settings = infra::LoadSettings(infra::ProcessEnv());
    if (!settings.ok()) return Fail(settings.error().message);
    if (!settings->enable_llm) return Fail("--llm needs LLM_BASE_URL and LLM_MODEL");
    auto client = llm::HttpChatClient::Create(llm::ClientConfigFrom(*settings), nullptr);
    if (!client.ok()) return Fail(client.error().message);
    llm_client = std::move(*client);
    warmup.llm_client = llm_client.get();
    shared.llm_io = &llm_io;
    shared.time_budget_s = settings->time_budget_s;
    llm_thread = std::thread([&llm_io] { llm_io.run(); });
  }
  auto engines = Warmup(warmup);
  if (!engines.ok()) return Fail(engines.error().message);
  shared.engines = std::move(*engines);

  const fs::path write_path = exporting ? fs::path(out_path.string() + ".tmp") : out_path;
  auto output = BatchOutput::Open(write_path, exporting || o.restart);
  if (!output.ok()) return Fail(output.error().message);
  auto reader = JsonlReader::Open(o.in, o.max_line_bytes);
  if (!reader.ok()) return Fail(reader.error().message);

  if (resume.last_line != 0 && !o.quiet) {
    std::fprintf(stderr, "notecoder batch: resuming after line %zu%s\n", resume.last_line,
                 resume.cut_partial ? " (a partial last record was removed)" : "");
  }
  const int threads = o.threads > 0
                          ? o.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::optional<ProgressMeter> meter;
  if (!o.quiet) meter.emplace("batch", "lines");

  std::size_t done = 0, coded = 0, bad = 0, blank = 0;
  std::string mismatch;
  Status write_status;
  OrderedJob<Item, Done> job;
  job.next = [&](Item& item) {
    while (reader->Next(item.line)) {
      const std::size_t n = item.line.number;
      if (n > range->last) return false;
      if (n == resume.last_line && !resume.last_id.is_null() &&
          !SameId(item.line.text, resume.last_id)) {
        mismatch = "line " + std::to_string(n) +
                   " of the input does not have the id of the output's last record: the output "
                   "was written from another input; use --restart or another --out";
        return false;
      }
      if (n > skip_through) return true;
    }
    return false;
  };
  job.work = [&shared](Item& item) { return CodeLine(shared, item); };
  job.emit = [&](Done& d) {
    ++done;
    if (d.blank) {
      ++blank;
    } else if (d.error) {
      if (++bad <= kMaxReportedBadLines) {
        std::fprintf(stderr, "notecoder batch: line %zu: %s\n", d.line, d.error->message.c_str());
      }
    } else {
      ++coded;
    }
    if (!d.record.empty()) write_status = output->Add(d.record);
    if (meter) meter->Update(done, todo);
    return write_status.ok();
  };
  const auto start = Clock::now();
  RunOrdered(OrderedRunOptions{threads, static_cast<std::size_t>(threads) * 64}, job);
  if (write_status.ok()) write_status = output->Flush();
  if (!write_status.ok()) return Fail(write_status.error().message);
  if (reader->failed()) return Fail("cannot read " + o.in);
  if (!mismatch.empty()) return Fail(mismatch);
  if (exporting) {
    std::error_code ec;
    fs::rename(write_path, out_path, ec);
    if (ec) return Fail("cannot rename " + write_path.string() + ": " + ec.message());
  }
  if (meter && done < todo) meter->Update(todo, todo);  // blank tail lines: close the bar
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (bad > kMaxReportedBadLines) {
    std::fprintf(stderr, "notecoder batch: ... and %zu more bad lines\n",
                 bad - kMaxReportedBadLines);
  }
  if (!o.quiet) {
    std::fprintf(stderr,
                 "notecoder batch: %zu lines in %.2f s (%.0f lines/s, %d threads): %zu coded, %zu "
                 "bad%s, %zu blank -> %s\n",
                 done, seconds, seconds > 0 ? static_cast<double>(done) / seconds : 0.0, threads,
                 coded, bad, o.skip_bad ? " (skipped)" : " (error records)", blank,
                 out_path.c_str());
  }
  if (!o.ingest_openai.empty() && llm.bad_lines > 0) {
    std::fprintf(stderr, "notecoder batch: %zu results lines had no usable custom_id\n",
                 llm.bad_lines);
  }
  return 0;
}

}  // namespace

void AddBatchCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<BatchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "batch", "Code a JSONL file of notes with all cores (rules + ML), resumably");
  cmd->add_option("--in", o->in, "Input JSONL: one {\"id\": optional, \"note\": \"...\"} per line")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out,
                  "Output JSONL, one record per input line in input order (also the checkpoint: "
                  "a rerun resumes after its last record)");
  cmd->add_option("--threads", o->threads, "Coding threads (default: all cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--codebook", o->codebook,
                  "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  cmd->add_option("--model", o->model,
                  "ML model (default data/model.bin when present; 'none': rules only)");
  cmd->add_option("--max-codes", o->max_codes, "Codes per note, best first (1..200)")
      ->check(CLI::Range(1, 200));
  cmd->add_flag("--no-excluded", o->no_excluded, "Leave out the excluded mentions");
  cmd->add_flag("--skip-bad", o->skip_bad,
                "Write nothing for a bad line (default: an error record); stderr names it");
  cmd->add_flag("--restart", o->restart, "Start the output afresh instead of resuming");
  cmd->add_option("--from-line", o->from_line, "First input line (1-based) of this run")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--to-line", o->to_line, "Last input line (inclusive) of this run")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--shard", o->shard, "i/n: the i-th of n equal line ranges (0-based)");
  cmd->add_option("--max-line-bytes", o->max_line_bytes,
                  "Longer input lines are bad lines (default 8 MiB)")
      ->check(CLI::Range(std::size_t{1} << 10, std::size_t{64} << 20));
  cmd->add_option("--export-openai", o->export_openai,
                  "Write OpenAI Batch API requests (chat completions) instead of results");
  cmd->add_option("--ingest-openai", o->ingest_openai,
                  "Merge an OpenAI Batch API results file (by custom_id) into the results");
  o->prompt = "prompts/v1/structure.md";
  cmd->add_option("--prompt", o->prompt, "System prompt of exported requests")
      ->capture_default_str();
  const char* env_model = std::getenv("LLM_MODEL");
  o->llm_model = env_model != nullptr && *env_model != '\0' ? env_model : "gpt-4o-mini";
  cmd->add_option("--llm-model", o->llm_model, "Model named in exported requests ($LLM_MODEL)")
      ->capture_default_str();
  cmd->add_flag("--llm", o->llm,
                "Run the LLM stage for notes that need it (LLM_BASE_URL, LLM_MODEL, "
                "LLM_CONCURRENCY bounds the calls in flight; more --threads than cores keep it "
                "busy)");
  cmd->add_flag("--quiet", o->quiet, "No progress or summary on stderr (bad lines still)");
  cmd->callback([o, &exit_code] { exit_code = RunBatch(*o); });
}

}  // namespace notecoder::app
