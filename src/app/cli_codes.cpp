#include "app/cli_codes.hpp"

#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "api/code_json.hpp"
#include "api/error_body.hpp"
#include "app/defaults.hpp"
#include "app/json_print.hpp"
#include "codes/codebook.hpp"
#include "codes/snapshot_builder.hpp"

namespace notecoder::app {
namespace {

namespace json = boost::json;

struct CodesOptions {
  std::string src;
  std::string out;
  std::string codebook;
  bool force = false;
  std::string code;
  std::string other;
  std::string query;
  std::size_t limit = 10;
};

int FailCodes(const Error& e) {
  std::cerr << "notecoder: " << e.message << "\n";
  return e.code == ErrorCode::kNotFound || e.code == ErrorCode::kInvalidArgument ? 2 : 1;
}

std::shared_ptr<const codes::Codebook> OpenOrReport(const std::string& path, int& exit_code) {
  auto book = codes::Codebook::Open(path);
  if (!book.ok()) {
    exit_code = FailCodes(book.error());
    return nullptr;
  }
  return *book;
}

}  // namespace

void AddCodesCommands(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<CodesOptions>();
  CLI::App* codes_cmd =
      app.add_subcommand("codes", "ICD-10-CM code set: build the snapshot, look codes up");
  codes_cmd->require_subcommand(1);

  CLI::App* build =
      codes_cmd->add_subcommand("build", "Compile the CMS/CDC files into the codebook snapshot");
  build->add_option("--src", opts->src,
                    "Folder with the official files (default $ICD10CM_SRC or data/icd10cm)");
  build->add_option("--out", opts->out,
                    "Snapshot to write (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  build->add_flag("--force", opts->force, "Rebuild even when the snapshot matches the sources");
  build->callback([opts, &exit_code] {
    const std::filesystem::path src =
        opts->src.empty() ? DefaultSourceDir() : std::filesystem::path(opts->src);
    const std::filesystem::path out =
        opts->out.empty() ? DefaultCodebookPath() : std::filesystem::path(opts->out);
    const auto sources = codes::SourceFiles::InDirectory(src);
    if (!opts->force && std::filesystem::exists(out)) {
      auto fp = codes::SourceFingerprint(sources);
      auto existing = codes::Codebook::Open(out);
      if (fp.ok() && existing.ok() && (*existing)->Fingerprint() == *fp) {
        std::cerr << "notecoder: " << out.string() << " is up to date\n";
        return;
      }
    }
    if (out.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(out.parent_path(), ec);
    }
    auto report = codes::BuildSnapshot(sources, out);
    if (!report.ok()) {
      exit_code = FailCodes(report.error());
      return;
    }
    const auto& r = *report;
    std::cerr << "notecoder: built " << out.string() << " (" << r.snapshot_bytes << " bytes) in "
              << r.seconds << " s\n"
              << "  codes " << r.codes << " (billable " << r.billable << ", headers " << r.headers
              << ")\n"
              << "  FY2026 addenda: " << r.addenda_added << " added, " << r.addenda_deleted
              << " deleted, " << r.addenda_revised << " revised\n"
              << "  tabular XML (FY2023): " << r.tabular_diags << " codes, "
              << r.tabular_codes_not_in_fy2026.size() << " no longer in FY2026; "
              << r.fy2026_codes_without_tabular << " FY2026 codes inherit notes from an ancestor\n"
              << "  index XML (FY2023): " << r.index_terms << " terms, "
              << r.index_codes_not_in_fy2026.size() << " code references not in FY2026\n";
  });

  CLI::App* show = codes_cmd->add_subcommand(
      "show", "Show a code: title, billable, hierarchy, notes, 7th characters");
  show->add_option("code", opts->code, "Code with or without the dot")->required();
  show->add_option("--codebook", opts->codebook,
                   "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  show->callback([opts, &exit_code] {
    auto book = OpenOrReport(
        opts->codebook.empty() ? DefaultCodebookPath().string() : opts->codebook, exit_code);
    if (!book) return;
    const auto id = book->Find(opts->code);
    if (!id) {
      PrintJson(std::cout,
                api::EncodeError(MakeError(ErrorCode::kNotFound, "unknown code: " + opts->code)),
                true);
      exit_code = 2;
      return;
    }
    PrintJson(std::cout, api::CodeJson(*book, *id), true);
  });

  CLI::App* search = codes_cmd->add_subcommand("search", "Search codes by words");
  search->add_option("query", opts->query, "Words, e.g. \"type 2 diabetes ckd\"")->required();
  search->add_option("--limit", opts->limit, "Number of results")->check(CLI::Range(1, 200));
  search->add_option("--codebook", opts->codebook,
                     "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  search->callback([opts, &exit_code] {
    auto book = OpenOrReport(
        opts->codebook.empty() ? DefaultCodebookPath().string() : opts->codebook, exit_code);
    if (!book) return;
    for (const auto& hit : book->Search(opts->query, opts->limit)) {
      std::cout << book->Code(hit.id) << (book->IsBillable(hit.id) ? "  " : "* ")
                << book->Title(hit.id) << "\n";
    }
  });

  CLI::App* conflict =
      codes_cmd->add_subcommand("conflict", "Is there an Excludes1 note between two codes?");
  conflict->add_option("a", opts->code, "First code")->required();
  conflict->add_option("b", opts->other, "Second code")->required();
  conflict->add_option("--codebook", opts->codebook,
                       "Snapshot (default $NOTECODER_CODEBOOK or data/codebook.bin)");
  conflict->callback([opts, &exit_code] {
    auto book = OpenOrReport(
        opts->codebook.empty() ? DefaultCodebookPath().string() : opts->codebook, exit_code);
    if (!book) return;
    const auto a = book->Find(opts->code);
    const auto b = book->Find(opts->other);
    if (!a || !b) {
      std::cerr << "notecoder: unknown code: " << (!a ? opts->code : opts->other) << "\n";
      exit_code = 2;
      return;
    }
    json::object o;
    o["a"] = book->Code(*a);
    o["b"] = book->Code(*b);
    const auto c = book->FindExcludes1Conflict(*a, *b);
    o["excludes1"] = c.has_value();
    if (c) {
      o["holder"] = book->Code(c->holder);
      o["note"] = c->note;
    }
    PrintJson(std::cout, o, true);
  });
}

}  // namespace notecoder::app
