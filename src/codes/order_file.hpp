#pragma once
// Parsers for the CMS fixed-width text files: the order file (every code and header, in tabular
// order) and its addenda (FY2025 → FY2026 changes, used for the build report only).
#include <string_view>
#include <vector>

#include "codes/source_model.hpp"
#include "infra/result.hpp"

namespace notecoder::codes {

// `name` only labels error messages ("icd10cm_order_2026.txt line 12: ...").
Result<std::vector<OrderEntry>> ParseOrderFile(std::string_view text, std::string_view name);
Result<AddendaSummary> ParseOrderAddenda(std::string_view text, std::string_view name);

}  // namespace notecoder::codes
