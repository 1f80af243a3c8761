// The label pool of the synthetic corpus: hand-written conditions plus codebook-derived ones.
#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "ml/synthetic_conditions.hpp"
#include "ml/synthetic_notes.hpp"

namespace notecoder::ml {
namespace {

std::vector<std::string> SplitAlternatives(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto bar = text.find('|');
    out.emplace_back(text.substr(0, bar));
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void EraseAll(std::string& text, std::string_view what) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at)) {
    text.erase(at, what.size());
  }
}

// A codebook code is a usable synthetic label when a note could plausibly assert it by its title:
// billable diagnoses, not injuries or external causes (7th characters, mechanisms), not Z factors,
// and not residual "Other ..." titles that name nothing on their own.
bool UsableTitleCode(std::string_view code, std::string_view title) {
  if (code.empty() || code.size() > 6) return false;
  if (std::string_view("STVWXYZ").find(code[0]) != std::string_view::npos) return false;
  if (title.size() < 8 || title.size() > 90) return false;
  if (title.starts_with("Other") || title.find("other specified") != std::string_view::npos) {
    return false;
  }
  return title.find_first_of("([") == std::string_view::npos;
}

SyntheticCondition FromTitle(std::string_view code, std::string_view title,
                             std::string_view short_title) {
  SyntheticCondition c;
  c.code = std::string(code);
  c.names.push_back(Lower(title));
  std::string trimmed = Lower(title);
  EraseAll(trimmed, ", unspecified");
  EraseAll(trimmed, " unspecified");
  if (trimmed != c.names.front() && !trimmed.empty()) c.names.push_back(trimmed);
  // CMS short titles are abbreviated the way clinicians abbreviate ("w/o", "chr", "hx").
  if (!short_title.empty() && Lower(short_title) != c.names.front()) {
    c.names.push_back(Lower(short_title));
  }
  return c;
}

}  // namespace

Result<SyntheticNotes> SyntheticNotes::Create(const codes::Codebook& book,
                                              std::size_t label_count) {
  if (label_count == 0) return MakeError(ErrorCode::kInvalidArgument, "--labels must be >= 1");
  std::vector<SyntheticCondition> pool;
  std::set<std::string> taken;
  for (const ConditionPhrasing& p : CuratedConditions()) {
    if (pool.size() == label_count) break;
    const auto id = book.Find(p.code);
    if (!id || !book.IsBillable(*id)) {
      return MakeError(ErrorCode::kInvalidArgument, "synthetic condition " + std::string(p.code) +
                                                        " is not a billable code of the codebook");
    }
    SyntheticCondition c;
    c.code = std::string(p.code);
    c.names = SplitAlternatives(p.names);
    c.meds = SplitAlternatives(p.meds);
    c.findings = SplitAlternatives(p.findings);
    c.plans = SplitAlternatives(p.plans);
    taken.insert(c.code.substr(0, 3));
    pool.push_back(std::move(c));
  }
  const std::size_t curated = pool.size();
  if (pool.size() < label_count) {
    // Candidates in tabular order, one per 3-character category (no near-duplicate labels), then
    // an even stride through them so that every chapter contributes.
    std::vector<codes::CodeId> candidates;
    for (codes::CodeId id = 0; id < book.CodeCount(); ++id) {
      if (!book.IsBillable(id)) continue;
      const std::string_view code = book.Code(id);
      if (!UsableTitleCode(code, book.Title(id))) continue;
      if (!taken.insert(std::string(code.substr(0, 3))).second) continue;
      candidates.push_back(id);
    }
    const std::size_t needed = label_count - pool.size();
    if (candidates.size() < needed) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "--labels " + std::to_string(label_count) + " is more than the " +
                           std::to_string(curated + candidates.size()) +
                           " conditions the generator can phrase");
    }
    for (std::size_t k = 0; k < needed; ++k) {
      const codes::CodeId id = candidates[k * candidates.size() / needed];
      pool.push_back(FromTitle(book.Code(id), book.Title(id), book.ShortTitle(id)));
    }
  }
  return SyntheticNotes(std::move(pool), curated);
}

}  // namespace notecoder::ml
