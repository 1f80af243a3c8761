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

void MergeCodes(const codes::Codebook& book, std::vector<CodedMention> in, bool has_assessment,
                RulesResult& out) {
  std::vector<bool> dropped(in.size(), false);
  const auto drop_as = [&](std::size_t i, std::string reason, std::string note) {
    dropped[i] = true;
    ExcludedMention e;
    e.span = in[i].mention ? in[i].mention->span : nlp::Span{};
    e.reason = std::move(reason);
    e.code = in[i].coded.code;
    e.description = in[i].coded.description;
    e.section = in[i].coded.section;
    e.note = std::move(note);
    out.excluded.push_back(std::move(e));
  };

  // 0a. A condition folded into a combination code (neuropathy into "diabetes with
  //     polyneuropathy") is not coded again, unless the combination asks for it with a
  //     "use additional code" note (the CKD stage after E11.22).
  for (std::size_t a = 0; a < in.size(); ++a) {
    const Mention* ma = in[a].mention;
    if (!ma || ma->walk.linked.empty()) continue;
    const auto a_id = book.Find(in[a].coded.code);
    if (!a_id) continue;
    const auto additional = book.InheritedNotes(*a_id, codes::NoteKind::kUseAdditionalCode);
    for (std::size_t b = 0; b < in.size(); ++b) {
      const Mention* mb = in[b].mention;
      if (b == a || !mb || dropped[b] || in[b].coded.code == in[a].coded.code) continue;
      const bool folded = std::any_of(ma->walk.linked.begin(), ma->walk.linked.end(), [&](std::uint32_t p) {
        return p >= mb->head_first && p < mb->head_last;
      });
      if (!folded) continue;
      const std::string category = in[b].coded.code.substr(0, 3);
      const bool wanted = std::any_of(additional.begin(), additional.end(), [&](std::string_view note) {
        return note.find(category) != std::string_view::npos;
      });
      if (!wanted) drop_as(b, "combined", "included in combination code " + in[a].coded.code);
    }
  }

  // 0b. Symptoms: coded from the assessment, and not beside a diagnosis that explains them.
  for (std::size_t i = 0; i < in.size(); ++i) {
    const Mention* m = in[i].mention;
    if (dropped[i] || !m || in[i].coded.code.front() != 'R') continue;
    const bool in_assessment = m->section == nlp::SectionKind::kAssessment ||
                               m->section == nlp::SectionKind::kAssessmentAndPlan ||
                               m->section == nlp::SectionKind::kProblemList;
    if (has_assessment && !in_assessment) {
      drop_as(i, "integral_symptom", "symptom outside the assessment; the assessment names the diagnoses");
      continue;
    }
    for (std::size_t j = 0; j < in.size(); ++j) {
      const Mention* o = in[j].mention;
      if (j == i || !o || dropped[j] || in[j].coded.code.front() == 'R' || in[j].coded.code.front() == 'Z') continue;
      if (o->sentence == m->sentence) {
        drop_as(i, "integral_symptom", "explained by " + in[j].coded.code + " in the same sentence");
        break;
      }
    }
  }

  // 1. A reading that a deeper reading of the same main term extends is superseded by it
  //    (I10 by I12.9, E11.9 by E11.22), and "without complications" yields to any sibling code.
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
  // A mention set aside as integral or combined is moot when its code stands on other evidence.
  std::erase_if(out.excluded, [&](const ExcludedMention& e) {
    if (e.reason != "integral_symptom" && e.reason != "combined") return false;
    return std::any_of(out.codes.begin(), out.codes.end(),
                       [&](const CodedDiagnosis& c) { return c.code == e.code; });
  });
  std::stable_sort(out.codes.begin(), out.codes.end(), [](const CodedDiagnosis& x, const CodedDiagnosis& y) {
    if (x.score != y.score) return x.score > y.score;
    const auto xb = x.evidence.empty() ? 0u : x.evidence.front().begin;
    const auto yb = y.evidence.empty() ? 0u : y.evidence.front().begin;
    return xb < yb;
  });
}

}  // namespace notecoder::rules
