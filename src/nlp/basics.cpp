#include "nlp/basics.hpp"

#include "nlp/basics_internal.hpp"

namespace notecoder::nlp {

Basics ExtractBasics(const Document& doc) {
  Basics basics;
  basics_internal::ExtractAgeSex(doc, basics);
  basics_internal::ExtractDates(doc, basics);
  basics_internal::ExtractVitals(doc, basics);
  basics_internal::ExtractListedItems(doc, basics);
  return basics;
}

}  // namespace notecoder::nlp
