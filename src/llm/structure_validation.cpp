#include "llm/structure_validation.hpp"

#include <boost/json/serialize.hpp>
#include <set>
#include <string>

#include "llm/evidence_match.hpp"
#include "llm/json_answer.hpp"

namespace notecoder::llm {
namespace {

constexpr std::size_t kMaxRationaleBytes = 500;
constexpr std::size_t kMaxCodeText = 16;

// What is echoed of an invalid code: the code-shaped characters only, bounded, so an answer
// cannot smuggle note text through the `excluded` list.
std::string Echo(std::string_view code) {
  std::string out;
  for (const char c : code) {
    if (out.size() >= kMaxCodeText) break;
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.') out.push_back(c);
  }
  return out;
}

bool NamesCodeOrAncestor(std::string_view quote, codes::CodeId id, const codes::Codebook& book) {
  for (codes::CodeId at = id; at != codes::kNone; at = book.Parent(at)) {
    if (QuoteNamesTitle(quote, book.Title(at))) return true;
  }
  return false;
}

}  // namespace

std::optional<StructureAnswer> ValidateStructure(const boost::json::object& answer,
                                                 const StructureInput& input,
                                                 const codes::Codebook& codebook) {
  const auto* codes_value = answer.if_contains("codes");
  const auto* list = codes_value != nullptr ? codes_value->if_array() : nullptr;
  if (list == nullptr) return std::nullopt;

  std::set<codes::CodeId> candidates;
  for (const auto& c : input.candidates) {
    if (auto id = codebook.Find(c.code)) candidates.insert(*id);
  }
  StructureAnswer out;
  std::set<codes::CodeId> seen;
  std::size_t read = 0;
  for (const auto& item : *list) {
    if (++read > kMaxAnswerCodes) break;
    const auto* o = item.if_object();
    if (o == nullptr) continue;
    const std::string written = StringMember(*o, "code");
    const std::string quote = StringMember(*o, "evidence");
    const auto id = written.size() <= kMaxCodeText ? codebook.Find(written) : std::nullopt;
    if (!id) {
      out.excluded.push_back({Echo(written), "invalid_code", "not in the ICD-10-CM code set"});
      continue;
    }
    const std::string code(codebook.Code(*id));
    if (!codebook.IsBillable(*id)) {
      out.excluded.push_back({code, "invalid_code", "not billable (a header, not a full code)"});
      continue;
    }
    if (!seen.insert(*id).second) continue;
    const auto span = FindQuote(input.note, quote);
    const bool candidate = candidates.count(*id) > 0;
    if (!candidate) {
      const char* why = nullptr;
      if (!span) {
        why = "not a candidate and its evidence is not quoted from the note";
      } else if (ContainsCodeToken(quote)) {
        why = "not a candidate and its evidence spells out a code";
      } else if (!NamesCodeOrAncestor(quote, *id, codebook)) {
        why = "not a candidate and its evidence does not name the condition";
      }
      if (why != nullptr) {
        out.excluded.push_back({code, "unsupported", why});
        continue;
      }
    }
    LlmCode kept;
    kept.code = code;
    kept.title = std::string(codebook.Title(*id));
    kept.rationale = StringMember(*o, "rationale").substr(0, kMaxRationaleBytes);
    kept.evidence = span;
    kept.from_candidate = candidate;
    out.codes.push_back(std::move(kept));
  }
  if (const auto* s = answer.if_contains("structured"); s != nullptr && s->is_object()) {
    if (boost::json::serialize(*s).size() <= kMaxStructuredBytes) out.structured = s->get_object();
  }
  return out;
}

}  // namespace notecoder::llm
