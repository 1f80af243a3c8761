// Codebook members over the Alphabetic Index.
#include <algorithm>

#include "codes/codebook_impl.hpp"
#include "codes/text_util.hpp"

namespace notecoder::codes {

std::uint32_t Codebook::TermCount() const {
  return static_cast<std::uint32_t>(impl_->terms.size());
}

std::vector<TermId> Codebook::MainTerms() const {
  // Breadth-first ids: the main terms are the first ids, in index order.
  std::vector<TermId> out(
      std::min<std::size_t>(impl_->header->main_term_count, impl_->terms.size()));
  for (TermId i = 0; i < out.size(); ++i) out[i] = i;
  return out;
}

Codebook::TermRange Codebook::SubTermRange(TermId term) const {
  if (!impl_->ValidTerm(term)) return {};
  const format::TermRecord& rec = impl_->terms[term];
  if (static_cast<std::size_t>(rec.child_begin) + rec.child_count > impl_->terms.size()) return {};
  return TermRange{rec.child_begin, rec.child_begin + rec.child_count};
}

std::vector<TermId> Codebook::SubTerms(TermId term) const {
  std::vector<TermId> out;
  if (!impl_->ValidTerm(term)) return out;
  const format::TermRecord& rec = impl_->terms[term];
  if (static_cast<std::size_t>(rec.child_begin) + rec.child_count > impl_->terms.size()) return out;
  out.resize(rec.child_count);
  for (std::uint32_t i = 0; i < rec.child_count; ++i) out[i] = rec.child_begin + i;
  return out;
}

TermId Codebook::TermParent(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->terms[term].parent : kNone;
}
std::uint8_t Codebook::TermLevel(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->terms[term].level : 0;
}
std::string_view Codebook::TermTitle(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->Str(impl_->terms[term].title) : std::string_view{};
}
std::string_view Codebook::TermNemod(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->Str(impl_->terms[term].nemod) : std::string_view{};
}
std::optional<CodeId> Codebook::TermCode(TermId term) const {
  if (!impl_->ValidTerm(term)) return std::nullopt;
  const CodeId id = impl_->terms[term].code_id;
  if (!impl_->ValidCode(id)) return std::nullopt;
  return id;
}
std::string_view Codebook::TermCodeText(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->Str(impl_->terms[term].code_text) : std::string_view{};
}
std::string_view Codebook::TermManifestation(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->Str(impl_->terms[term].manif) : std::string_view{};
}
std::string_view Codebook::TermSee(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->Str(impl_->terms[term].see) : std::string_view{};
}
std::string_view Codebook::TermSeeAlso(TermId term) const {
  return impl_->ValidTerm(term) ? impl_->Str(impl_->terms[term].see_also) : std::string_view{};
}

std::vector<TermId> Codebook::FindMainTerm(std::string_view title) const {
  const std::string key = ToLowerAscii(CollapseWhitespace(AsciiFold(title)));
  const auto keys = impl_->main_term_keys;
  const auto less = [&](const format::MainTermKey& k, std::string_view v) {
    return impl_->Str(k.folded) < v;
  };
  auto it = std::lower_bound(keys.begin(), keys.end(), std::string_view(key), less);
  std::vector<TermId> out;
  for (; it != keys.end() && impl_->Str(it->folded) == key; ++it) out.push_back(it->term);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace notecoder::codes
