#include <algorithm>
#include <set>

#include "codes/snapshot_assembler.hpp"
#include "codes/text_util.hpp"

namespace notecoder::codes {

void AssembleIndex(const IndexData& index, const CodeMap& codes, SnapshotTables* t,
                   std::vector<SearchDoc>* docs, BuildReport* report) {
  const auto n = static_cast<std::uint32_t>(index.size());
  std::vector<std::vector<std::uint32_t>> kids(n);
  std::vector<std::uint32_t> bfs;
  bfs.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (index[i].parent == kNone) {
      bfs.push_back(i);
    } else {
      kids[index[i].parent].push_back(i);
    }
  }
  t->main_term_count = static_cast<std::uint32_t>(bfs.size());
  // Breadth-first ids make every term's children one contiguous id range.
  for (std::size_t head = 0; head < bfs.size(); ++head) {
    for (std::uint32_t kid : kids[bfs[head]]) bfs.push_back(kid);
  }
  std::vector<std::uint32_t> new_id(n);
  for (std::uint32_t i = 0; i < n; ++i) new_id[bfs[i]] = i;

  std::set<std::string> stale;
  // Path texts ("Diabetes, diabetic type 2 with chronic kidney disease"), source order, so a
  // parent's path exists before its children's.
  std::vector<std::string> path(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const IndexTermSource& src = index[i];
    path[i] = src.parent == kNone ? src.title : path[src.parent] + " " + src.title;
  }

  t->terms.resize(n);
  for (std::uint32_t pos = 0; pos < n; ++pos) {
    const std::uint32_t src_id = bfs[pos];
    const IndexTermSource& src = index[src_id];
    format::TermRecord& rec = t->terms[pos];
    rec = {};
    rec.title = t->strings.Intern(src.title);
    rec.nemod = t->strings.Intern(src.nemod);
    rec.code_text = t->strings.Intern(src.code);
    rec.manif = t->strings.Intern(src.manif);
    rec.see = t->strings.Intern(src.see);
    rec.see_also = t->strings.Intern(src.see_also);
    rec.parent = src.parent == kNone ? kNone : new_id[src.parent];
    rec.level = src.level;
    rec.child_count = static_cast<std::uint32_t>(kids[src_id].size());
    rec.child_begin = rec.child_count == 0 ? 0 : new_id[kids[src_id].front()];
    rec.code_id = kNone;
    if (!src.code.empty()) {
      rec.code_id = ResolveCodeText(src.code, codes);
      if (rec.code_id == kNone) {
        stale.insert(src.code);
      } else {
        SearchDoc& doc = (*docs)[rec.code_id];
        (src.parent == kNone ? doc.main_terms : doc.extras).push_back(path[src_id]);
      }
    }
  }

  t->main_term_keys.reserve(t->main_term_count);
  std::vector<std::pair<std::string, std::uint32_t>> keys;
  keys.reserve(t->main_term_count);
  for (std::uint32_t pos = 0; pos < t->main_term_count; ++pos) {
    keys.emplace_back(ToLowerAscii(AsciiFold(index[bfs[pos]].title)), pos);
  }
  std::sort(keys.begin(), keys.end());
  for (const auto& [folded, term] : keys) {
    t->main_term_keys.push_back({t->strings.Intern(folded), term});
  }

  report->index_terms = n;
  report->index_codes_not_in_fy2026.assign(stale.begin(), stale.end());
}

}  // namespace notecoder::codes
