#pragma once
// Compiles the CMS/CDC source files into the binary snapshot Codebook::Open maps.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "infra/result.hpp"

namespace notecoder::codes {

struct SourceFiles {
  std::filesystem::path order;          // icd10cm_order_2026.txt
  std::filesystem::path order_addenda;  // icd10cm_order_addenda_2026.txt
  std::filesystem::path tabular_xml;    // icd10cm_tabular_2023.xml(.gz)
  std::filesystem::path index_xml;      // icd10cm_index_2023.xml(.gz)

  // The standard file names inside `dir` (plain or .gz for the XML).
  static SourceFiles InDirectory(const std::filesystem::path& dir);
};

struct BuildReport {
  std::size_t codes = 0;
  std::size_t billable = 0;
  std::size_t headers = 0;
  std::size_t addenda_added = 0;
  std::size_t addenda_deleted = 0;
  std::size_t addenda_revised = 0;
  std::size_t tabular_diags = 0;
  std::size_t index_terms = 0;
  // What the FY2023 XML names that FY2026 no longer has (diag names, index code references).
  std::vector<std::string> tabular_codes_not_in_fy2026;
  std::vector<std::string> index_codes_not_in_fy2026;
  // FY2026 codes with no node in the FY2023 tabular (notes inherited from an ancestor).
  std::size_t fy2026_codes_without_tabular = 0;
  double seconds = 0;
  std::size_t snapshot_bytes = 0;
  std::string fingerprint;
};

// Fingerprint of the sources (content digest); a snapshot built from the same sources has it.
Result<std::string> SourceFingerprint(const SourceFiles& sources);

// Parses, validates and writes the snapshot atomically (temp file + rename): a reader never
// sees a partial file.
Result<BuildReport> BuildSnapshot(const SourceFiles& sources, const std::filesystem::path& out);

}  // namespace notecoder::codes
