#include "rules/merge.hpp"

#include <algorithm>
#include <map>

namespace notecoder::rules {
namespace {

bool IsPrefixPath(const Mention& a, const Mention& b) {
  if (a.main_term != b.main_term || a.walk.path.size() >= b.walk.path.size()) return false;
  return std::equal(a.walk.path.begin(), a.walk.path.end(), b.walk.path.begin());
}

void AddEvidence(std::vector<nlp::Span>& into, const std::vector<nlp::Span>& from) {
  into.insert(into.end(), from.begin(), from.end());
}

// Sorted, with overlapping or touching spans joined.
void NormalizeSpans(std::vector<nlp::Span>& spans) {
  std::sort(spans.begin(), spans.end(), [](const nlp::Span& a, const nlp::Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<nlp::Span> out;
  for (const auto& s : spans) {
    if (!out.empty() && s.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  spans = std::move(out);
}

}  // namespace

void MergeCodes(const codes::Codebook& book, std::vector<CodedMention> in, RulesResult& out) {
  // 1. A reading that a deeper reading of the same main term extends is superseded by it
  //    (I10 by I12.9, E11.9 by E11.22), and "without complications" yields to any sibling code.
  std::vector<bool> dropped(in.size(), false);
  for (std::size_t i = 0; i < in.size(); ++i) {
    for (std::size_t j = 0; j < in.size() && !dropped[i]; ++j) {
      if (i == j || in[i].coded.code == in[j].coded.code) continue;
      if (in[i].mention && in[j].mention && IsPrefixPath(*in[i].mention, *in[j].mention)) {
        dropped[i] = true;
      }
      const auto& a = in[i].coded;
      const auto& b = in[j].coded;
      if (a.code.substr(0, 3) == b.code.substr(0, 3) &&
          a.description.find("without complications") != std::string::npos &&
          b.description.find("without complications") == std::string::npos) {
        dropped[i] = true;
      }
    }
  }

  // 2. One entry per code, evidence merged, best score kept.
  std::map<std::string, std::size_t> by_code;
  std::vector<CodedDiagnosis> merged;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (dropped[i]) continue;
    auto& c = in[i].coded;
    const auto it = by_code.find(c.code);
    if (it == by_code.end()) {
      by_code.emplace(c.code, merged.size());
      merged.push_back(std::move(c));
      continue;
    }
    auto& m = merged[it->second];
    AddEvidence(m.evidence, c.evidence);
    if (c.score > m.score) m.score = c.score;
    m.score = std::min(0.99, m.score + 0.02);  // repeated documentation adds confidence
  }

  // 3. Excludes1: two codes that may never be reported together; keep the better supported.
  std::vector<bool> gone(merged.size(), false);
  for (std::size_t i = 0; i < merged.size(); ++i) {
    for (std::size_t j = i + 1; j < merged.size(); ++j) {
      if (gone[i] || gone[j]) continue;
      const auto a = book.Find(merged[i].code);
      const auto b = book.Find(merged[j].code);
      if (!a || !b) continue;
      const auto conflict = book.FindExcludes1Conflict(*a, *b);
      if (!conflict) continue;
      const std::size_t loser = merged[i].score >= merged[j].score ? j : i;
      const std::size_t winner = loser == i ? j : i;
      gone[loser] = true;
      ExcludedMention e;
      e.span = merged[loser].evidence.empty() ? nlp::Span{} : merged[loser].evidence.front();
      e.reason = "excludes1";
      e.code = merged[loser].code;
      e.description = merged[loser].description;
      e.section = merged[loser].section;
      e.note = "Excludes1 with " + merged[winner].code + ": " + std::string(conflict->note);
      out.excluded.push_back(std::move(e));
    }
  }

  for (std::size_t i = 0; i < merged.size(); ++i) {
    if (gone[i]) continue;
    NormalizeSpans(merged[i].evidence);
    out.codes.push_back(std::move(merged[i]));
  }
  std::stable_sort(out.codes.begin(), out.codes.end(), [](const CodedDiagnosis& x, const CodedDiagnosis& y) {
    if (x.score != y.score) return x.score > y.score;
    const auto xb = x.evidence.empty() ? 0u : x.evidence.front().begin;
    const auto yb = y.evidence.empty() ? 0u : y.evidence.front().begin;
    return xb < yb;
  });
}

}  // namespace notecoder::rules
