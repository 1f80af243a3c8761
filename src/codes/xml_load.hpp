#pragma once
// Parsing one of the CMS XML files and finding its root element, with errors that name the file.
#include <pugixml.hpp>

#include <string_view>

#include "infra/result.hpp"

namespace notecoder::codes {

// Parses `xml` into `doc` and returns its `root_name` element; kDataLoss naming `name` when the
// XML is malformed or the root is missing (`what` says what the file should have been).
Result<pugi::xml_node> LoadXmlRoot(pugi::xml_document& doc, std::string_view xml,
                                   std::string_view name, const char* root_name,
                                   std::string_view what);

}  // namespace notecoder::codes
