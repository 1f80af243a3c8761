#include "rules/merge.hpp"

#include "rules/mention_finder.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace notecoder::rules {
namespace {

bool IsPrefixPath(const std::vector<codes::TermId>& a, const std::vector<codes::TermId>& b) {
  return a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// "Type 2 diabetes mellitus without complications", "Moderate persistent asthma,
// uncomplicated": the default of a category, wrong beside any other code of it.
bool Uncomplicated(const std::string& title) {
  return title.find("without complications") != std::string::npos ||
         title.find("uncomplicated") != std::string::npos;
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

class Merger {
 public:
  Merger(const codes::Codebook& book, std::vector<CodedMention>& in, RulesResult& out)
      : book_(book), in_(in), out_(out), dropped_(in.size(), false) {}

  // A condition folded into a combination code (neuropathy into "diabetes with
  // polyneuropathy") is not coded again, unless the combination asks for it with a "use
  // additional code" note (the CKD stage after E11.22).
  void FoldLinkedConditions() {
    std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_head;
    for (std::size_t i = 0; i < in_.size(); ++i) {
      if (const Mention* m = in_[i].mention) {
        for (std::uint32_t p = m->head_first; p < m->head_last; ++p) by_head[p].push_back(i);
      }
    }
    for (std::size_t a = 0; a < in_.size(); ++a) {
      const Mention* ma = in_[a].mention;
      if (!ma || ma->walk.linked.empty()) continue;
      const auto a_id = book_.Find(in_[a].coded.code);
      if (!a_id) continue;
      std::vector<std::string_view> additional;
      bool loaded = false;
      for (std::uint32_t p : ma->walk.linked) {
        const auto it = by_head.find(p);
        if (it == by_head.end()) continue;
        for (std::size_t b : it->second) {
          // An official title is that code's own wording: never folded into another code.
          if (in_[b].mention && in_[b].mention->main_term == codes::kNone) continue;
          // Within one category the more specific code wins elsewhere (A41.51 over A41.9).
          if (b == a || dropped_[b] ||
              in_[b].coded.code.compare(0, 3, in_[a].coded.code, 0, 3) == 0) {
            continue;
          }
          if (!loaded) {
            additional = book_.InheritedNotes(*a_id, codes::NoteKind::kUseAdditionalCode);
            const auto also = book_.InheritedNotes(*a_id, codes::NoteKind::kCodeAlso);
            additional.insert(additional.end(), also.begin(), also.end());
            loaded = true;
          }
          const std::string category = in_[b].coded.code.substr(0, 3);
          // A note naming the category asks for it; one naming no code ("code also to identify
          // the infection") asks for whatever the linked condition is.
          const bool wanted =
              std::any_of(additional.begin(), additional.end(), [&](std::string_view note) {
                return note.find(category) != std::string_view::npos ||
                       (note.find('(') == std::string_view::npos &&
                        note.find("identify") != std::string_view::npos &&
                        note.find(':') == std::string_view::npos);
              });
          if (!wanted) Drop(b, "combined", "included in combination code " + in_[a].coded.code);
        }
      }
    }
  }

  // Symptoms are coded from the assessment, and not beside a diagnosis that explains them.
  void DropIntegralSymptoms(bool has_assessment) {
    std::unordered_map<std::uint32_t, std::string> diagnosis_in_sentence;
    for (std::size_t i = 0; i < in_.size(); ++i) {
      const char first = in_[i].coded.code.front();
      if (in_[i].mention && !dropped_[i] && !in_[i].mention->finding && first != 'Z') {
        diagnosis_in_sentence.emplace(in_[i].mention->sentence, in_[i].coded.code);
      }
    }
    for (std::size_t i = 0; i < in_.size(); ++i) {
      const Mention* m = in_[i].mention;
      if (dropped_[i] || !m) continue;
      if (has_assessment && (m->section == nlp::SectionKind::kPhysicalExam ||
                             m->section == nlp::SectionKind::kReviewOfSystems)) {
        Drop(i, "exam_finding",
             "exam and review-of-systems findings are coded when the assessment names them");
        continue;
      }
      if (!m->finding) continue;
      if (has_assessment && !IsAssessmentSection(m->section)) {
        Drop(i, "integral_symptom",
             "symptom outside the assessment; the assessment names the diagnoses");
      } else if (const auto it = diagnosis_in_sentence.find(m->sentence);
                 it != diagnosis_in_sentence.end()) {
        Drop(i, "integral_symptom", "explained by " + it->second + " in the same sentence");
      }
    }
  }

  // A reading that a deeper reading of the same main term extends is superseded by it (I10 by
  // I12.9, E11.9 by E11.22); "without complications" yields to any other code of its category.
  void DropSupersededReadings() {
    // Each (main term, path) once, sorted: a path that another path of its main term extends
    // is followed, in this order, by a path that starts with it.
    struct Reading {
      codes::TermId main;
      const std::vector<codes::TermId>* path;
      bool operator<(const Reading& o) const {
        return main != o.main ? main < o.main : *path < *o.path;
      }
      bool operator==(const Reading& o) const { return main == o.main && *path == *o.path; }
    };
    std::vector<Reading> readings;
    std::unordered_set<std::string_view> categories_with_complication;
    for (std::size_t i = 0; i < in_.size(); ++i) {
      if (dropped_[i]) continue;
      if (const Mention* m = in_[i].mention) readings.push_back({m->main_term, &m->walk.path});
      if (!Uncomplicated(in_[i].coded.description)) {
        categories_with_complication.insert(std::string_view(in_[i].coded.code).substr(0, 3));
      }
    }
    std::sort(readings.begin(), readings.end());
    readings.erase(std::unique(readings.begin(), readings.end()), readings.end());
    for (std::size_t i = 0; i < in_.size(); ++i) {
      if (dropped_[i]) continue;
      const auto& c = in_[i].coded;
      if (Uncomplicated(c.description) &&
          categories_with_complication.count(std::string_view(c.code).substr(0, 3))) {
        dropped_[i] = true;
        continue;
      }
      const Mention* m = in_[i].mention;
      if (!m) continue;
      const Reading self{m->main_term, &m->walk.path};
      const auto at = std::upper_bound(readings.begin(), readings.end(), self);
      if (at != readings.end() && at->main == m->main_term &&
          IsPrefixPath(m->walk.path, *at->path)) {
        dropped_[i] = true;
      }
    }
  }

  // One entry per code, evidence merged, best score kept; then Excludes1 pairs resolved in
  // favour of the better supported code.
  void Emit() {
    std::map<std::string, std::size_t> by_code;
    std::vector<CodedDiagnosis> merged;
    for (std::size_t i = 0; i < in_.size(); ++i) {
      if (dropped_[i]) continue;
      auto& c = in_[i].coded;
      const auto it = by_code.find(c.code);
      if (it == by_code.end()) {
        by_code.emplace(c.code, merged.size());
        merged.push_back(std::move(c));
        continue;
      }
      auto& m = merged[it->second];
      if (m.evidence.size() < kMaxEvidence)
        m.evidence.insert(m.evidence.end(), c.evidence.begin(), c.evidence.end());
      m.score = std::min(0.99, std::max(m.score, c.score) + 0.02);  // repeated documentation
    }
    std::vector<bool> gone(merged.size(), false);
    DropUnspecifiedSiblings(merged, gone);
    // Each code's excludes1 references once, not once per pair (a note has tens of codes).
    std::vector<codes::Excludes1Profile> profiles;
    profiles.reserve(merged.size());
    for (std::size_t i = 0; i < merged.size(); ++i) {
      const auto id = gone[i] ? std::nullopt : book_.Find(merged[i].code);
      profiles.push_back(id ? book_.Excludes1ProfileOf(*id) : codes::Excludes1Profile{});
    }
    for (std::size_t i = 0; i < merged.size(); ++i) {
      const bool a = profiles[i].id != codes::kNone;
      for (std::size_t j = i + 1; j < merged.size() && a && !gone[i]; ++j) {
        if (gone[j] || profiles[j].id == codes::kNone) continue;
        const auto conflict = codes::Codebook::FindExcludes1Conflict(profiles[i], profiles[j]);
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
        out_.excluded.push_back(std::move(e));
      }
    }
    for (std::size_t i = 0; i < merged.size(); ++i) {
      if (gone[i]) continue;
      NormalizeSpans(merged[i].evidence);
      out_.codes.push_back(std::move(merged[i]));
    }
    // A mention set aside as integral or combined is moot when its code stands on other evidence.
    std::erase_if(out_.excluded, [&](const ExcludedMention& e) {
      return (e.reason == "integral_symptom" || e.reason == "combined" ||
              e.reason == "exam_finding") &&
             by_code.count(e.code) != 0 && !gone[by_code.at(e.code)];
    });
    std::stable_sort(out_.codes.begin(), out_.codes.end(),
                     [](const CodedDiagnosis& x, const CodedDiagnosis& y) {
                       if (x.score != y.score) return x.score > y.score;
                       const auto xb = x.evidence.empty() ? 0u : x.evidence.front().begin;
                       const auto yb = y.evidence.empty() ? 0u : y.evidence.front().begin;
                       return xb < yb;
                     });
  }

 private:
  static constexpr std::size_t kMaxEvidence = 64;  // per code; a 5 MB note repeats itself

  // "Unspecified systolic heart failure" beside "acute on chronic systolic heart failure": an
  // unspecified code adds nothing once a specific code of the same category is coded.
  void DropUnspecifiedSiblings(const std::vector<CodedDiagnosis>& merged, std::vector<bool>& gone) {
    std::unordered_map<std::string, std::vector<std::size_t>> by_parent;
    for (std::size_t i = 0; i < merged.size(); ++i)
      by_parent[merged[i].code.substr(0, 3)].push_back(i);
    for (const auto& [parent, members] : by_parent) {
      if (members.size() < 2) continue;
      const auto unspecified = [&](std::size_t i) {
        return merged[i].description.find("nspecified") != std::string::npos;
      };
      const bool any_specific = std::any_of(members.begin(), members.end(),
                                            [&](std::size_t i) { return !unspecified(i); });
      if (!any_specific) continue;
      for (std::size_t i : members) {
        if (unspecified(i)) gone[i] = true;
      }
    }
  }

  void Drop(std::size_t i, std::string reason, std::string note) {
    dropped_[i] = true;
    ExcludedMention e;
    e.span = in_[i].mention ? in_[i].mention->span : nlp::Span{};
    e.reason = std::move(reason);
    e.code = in_[i].coded.code;
    e.description = in_[i].coded.description;
    e.section = in_[i].coded.section;
    e.note = std::move(note);
    out_.excluded.push_back(std::move(e));
  }

  const codes::Codebook& book_;
  std::vector<CodedMention>& in_;
  RulesResult& out_;
  std::vector<bool> dropped_;
};

}  // namespace

void MergeCodes(const codes::Codebook& book, std::vector<CodedMention> in, bool has_assessment,
                RulesResult& out) {
  Merger merger(book, in, out);
  merger.FoldLinkedConditions();
  merger.DropIntegralSymptoms(has_assessment);
  merger.DropSupersededReadings();
  merger.Emit();
}

}  // namespace notecoder::rules
