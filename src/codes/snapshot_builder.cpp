#include "codes/snapshot_builder.hpp"

#include <chrono>
#include <exception>
#include <future>

#include "codes/hash.hpp"
#include "codes/order_file.hpp"
#include "codes/snapshot_assembler.hpp"
#include "codes/snapshot_writer.hpp"
#include "codes/source_reader.hpp"
#include "codes/xml_sources.hpp"
#include "infra/mapped_file.hpp"

namespace notecoder::codes {
namespace {

// Mixed into the fingerprint: bump when the builder's output changes for the same sources, so
// a CLI that skips rebuilding on an equal fingerprint picks the change up.
constexpr std::uint64_t kBuilderRevision = 2;  // 2: index "Note:" terms re-parented

std::filesystem::path PlainOrGz(const std::filesystem::path& dir, const char* name) {
  std::filesystem::path plain = dir / name;
  std::error_code ec;
  if (std::filesystem::exists(plain, ec)) return plain;
  std::filesystem::path gz = plain;
  gz += ".gz";
  return std::filesystem::exists(gz, ec) ? gz : plain;
}

template <class T>
Result<T> ParseFile(const std::filesystem::path& path,
                    Result<T> (*parse)(std::string_view, std::string_view)) {
  auto text = ReadSourceFile(path);
  if (!text.ok()) return text.error();
  return parse(*text, path.filename().string());
}

Result<BuildReport> Build(const SourceFiles& sources, const std::filesystem::path& out) {
  const auto start = std::chrono::steady_clock::now();
  auto fingerprint = SourceFingerprint(sources);
  if (!fingerprint.ok()) return fingerprint.error();

  // The two XML files dominate parse time; parse them on a second thread.
  auto index_future = std::async(
      std::launch::async, [&] { return ParseFile<IndexData>(sources.index_xml, &ParseIndexXml); });
  auto tabular = ParseFile<TabularData>(sources.tabular_xml, &ParseTabularXml);
  auto order = ParseFile<std::vector<OrderEntry>>(sources.order, &ParseOrderFile);
  auto addenda = ParseFile<AddendaSummary>(sources.order_addenda, &ParseOrderAddenda);
  auto index = index_future.get();
  if (!order.ok()) return order.error();
  if (!addenda.ok()) return addenda.error();
  if (!tabular.ok()) return tabular.error();
  if (!index.ok()) return index.error();

  BuildReport report;
  report.addenda_added = addenda->added;
  report.addenda_deleted = addenda->deleted;
  report.addenda_revised = addenda->revised;

  SnapshotTables tables;
  tables.fingerprint = *fingerprint;
  std::vector<SearchDoc> docs;
  auto codes = AssembleCodes(*order, *tabular, &tables, &docs, &report);
  if (!codes.ok()) return codes.error();
  // Sanity check against the addenda: every code FY2026 added must be in the order file.
  for (const std::string& added : addenda->added_codes) {
    if (!codes->contains(added)) {
      return MakeError(ErrorCode::kDataLoss, "addenda adds " + added + " but " +
                                                 sources.order.filename().string() +
                                                 " does not list it (mismatched releases?)");
    }
  }
  AssembleIndex(*index, *codes, &tables, &docs, &report);
  BuildSearchIndex(docs, &tables);

  auto written = WriteSnapshot(tables, out);
  if (!written.ok()) return written.error();
  report.snapshot_bytes = *written;
  report.fingerprint = *fingerprint;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace

SourceFiles SourceFiles::InDirectory(const std::filesystem::path& dir) {
  SourceFiles files;
  files.order = PlainOrGz(dir, "icd10cm_order_2026.txt");
  files.order_addenda = PlainOrGz(dir, "icd10cm_order_addenda_2026.txt");
  files.tabular_xml = PlainOrGz(dir, "icd10cm_tabular_2023.xml");
  files.index_xml = PlainOrGz(dir, "icd10cm_index_2023.xml");
  return files;
}

Result<std::string> SourceFingerprint(const SourceFiles& sources) {
  std::uint64_t h = Hash64(&kBuilderRevision, sizeof kBuilderRevision);
  for (const std::filesystem::path* path :
       {&sources.order, &sources.order_addenda, &sources.tabular_xml, &sources.index_xml}) {
    auto file = MappedFile::Open(*path);
    if (!file.ok()) return file.error();
    // Chaining the seed keeps the digest sensitive to which file holds which bytes.
    h = Hash64(file->view(), h);
  }
  return HexU64(h);
}

Result<BuildReport> BuildSnapshot(const SourceFiles& sources, const std::filesystem::path& out) {
  // Nothing may escape the module as an exception: pugixml, the standard library and
  // std::async report allocation and system failures by throwing.
  try {
    return Build(sources, out);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal,
                     std::string("building codebook snapshot failed: ") + e.what());
  }
}

}  // namespace notecoder::codes
