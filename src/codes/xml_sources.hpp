#pragma once
// Parsers for the tabular and Alphabetic Index XML (FY2023 layout). pugixml does the XML; these
// functions only map its tree onto the source model.
#include <string_view>

#include "codes/source_model.hpp"
#include "infra/result.hpp"

namespace notecoder::codes {

// `xml` is the decompressed document; `name` labels error messages.
Result<TabularData> ParseTabularXml(std::string_view xml, std::string_view name);
Result<IndexData> ParseIndexXml(std::string_view xml, std::string_view name);

}  // namespace notecoder::codes
