#pragma once
// The table of section header labels and their synonyms.
#include <optional>
#include <string>
#include <string_view>

#include "nlp/document.hpp"

namespace notecoder::nlp {

// Appends the normal form of a header label to `out`: ASCII lower case, runs of spaces collapsed
// to one, no spaces around "/", "&" and "-", dots and trailing punctuation dropped
// ("Assessment / Plan :" → "assessment/plan", "H.P.I." → "hpi").
void NormalizeHeaderLabel(std::string_view label, std::string& out);

// The section kind of a normalized label, or nullopt when the label is not a known header.
std::optional<SectionKind> LookupSectionHeader(std::string_view normalized_label);

}  // namespace notecoder::nlp
