#pragma once
// Turns parsed sources into snapshot tables: FY2026 codes are the truth, the FY2023 XML adds
// notes, 7th characters and index terms where it still matches.
#include <string>
#include <unordered_map>
#include <vector>

#include "codes/snapshot_builder.hpp"
#include "codes/snapshot_tables.hpp"
#include "codes/source_model.hpp"
#include "infra/result.hpp"

namespace notecoder::codes {

using CodeMap = std::unordered_map<std::string, std::uint32_t>;  // undotted code → id

// Codes, hierarchy, lookup table, tabular notes, 7th-character definitions, excludes1 refs.
// Fills `docs` (one per code) with titles and inclusion terms for the search index.
Result<CodeMap> AssembleCodes(const std::vector<OrderEntry>& order, const TabularData& tabular,
                              SnapshotTables* tables, std::vector<SearchDoc>* docs,
                              BuildReport* report);

// Index terms (breadth-first ids), main-term keys; appends index paths to `docs`.
void AssembleIndex(const IndexData& index, const CodeMap& codes, SnapshotTables* tables,
                   std::vector<SearchDoc>* docs, BuildReport* report);

// The code id a reference such as "E11.22", "S72.00-" or "T36.0X1-" names, if it exists.
std::uint32_t ResolveCodeText(std::string_view text, const CodeMap& codes);

}  // namespace notecoder::codes
