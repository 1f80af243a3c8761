#include "codes/xml_load.hpp"

#include <string>

namespace notecoder::codes {

Result<pugi::xml_node> LoadXmlRoot(pugi::xml_document& doc, std::string_view xml,
                                   std::string_view name, const char* root_name,
                                   std::string_view what) {
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return MakeError(ErrorCode::kDataLoss, std::string(name) + ": XML error at offset " +
                                               std::to_string(parsed.offset) + ": " +
                                               parsed.description());
  }
  const pugi::xml_node root = doc.child(root_name);
  if (!root) {
    return MakeError(ErrorCode::kDataLoss, std::string(name) + ": not an ICD-10-CM " +
                                               std::string(what) + " (no <" + root_name + ">)");
  }
  return root;
}

}  // namespace notecoder::codes
