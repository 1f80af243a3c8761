#include <algorithm>
#include <cstring>

#include "codes/code_refs.hpp"
#include "codes/snapshot_assembler.hpp"

namespace notecoder::codes {
namespace {

using format::kNoneId;

// Appends `notes` (ordered by kind, stable) and their excludes1 references.
void AddNotes(std::vector<TabularNote> notes, SnapshotTables* t, std::uint32_t* note_begin,
              std::uint32_t* note_count, std::uint32_t* excl_begin, std::uint32_t* excl_count) {
  std::stable_sort(notes.begin(), notes.end(),
                   [](const TabularNote& a, const TabularNote& b) { return a.kind < b.kind; });
  *note_begin = static_cast<std::uint32_t>(t->notes.size());
  *note_count = static_cast<std::uint32_t>(notes.size());
  *excl_begin = static_cast<std::uint32_t>(t->excludes1_refs.size());
  for (const TabularNote& note : notes) {
    const auto note_id = static_cast<std::uint32_t>(t->notes.size());
    t->notes.push_back({t->strings.Intern(note.text), static_cast<std::uint8_t>(note.kind), {}});
    if (note.kind != NoteKind::kExcludes1) continue;
    for (const CodeRef& ref : ParseCodeRefs(note.text)) {
      format::Excludes1Ref rec{};
      std::memcpy(rec.lo, ref.lo.data(), std::min(ref.lo.size(), format::kCodeChars));
      std::memcpy(rec.hi, ref.hi.data(), std::min(ref.hi.size(), format::kCodeChars));
      rec.note = note_id;
      rec.kind = static_cast<std::uint8_t>(ref.kind);
      t->excludes1_refs.push_back(rec);
    }
  }
  *excl_count = static_cast<std::uint32_t>(t->excludes1_refs.size()) - *excl_begin;
}

format::GroupRecord MakeGroup(const TabularGroup& g, SnapshotTables* t) {
  format::GroupRecord rec{};
  rec.name = t->strings.Intern(g.name);
  rec.desc = t->strings.Intern(g.desc);
  AddNotes(g.notes, t, &rec.note_begin, &rec.note_count, &rec.excl_begin, &rec.excl_count);
  return rec;
}

// Whether the 7th character of a 7-character code is one its nearest definition allows.
bool SeventhCharDefined(const std::vector<format::CodeRecord>& codes, const TabularData& tabular,
                        const std::vector<int>& seven_src, std::uint32_t id, char ch) {
  for (std::uint32_t p = codes[id].parent; p != kNoneId; p = codes[p].parent) {
    if (seven_src[p] < 0) continue;
    for (const auto& [c, meaning] :
         tabular.seven_defs[static_cast<std::size_t>(seven_src[p])].extensions) {
      if (c == ch) return true;
    }
    return false;
  }
  return false;
}

}  // namespace

std::uint32_t ResolveCodeText(std::string_view text, const CodeMap& codes) {
  while (!text.empty() && (text.back() == '-' || text.back() == '.' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  auto undotted = UndotCode(text);
  if (!undotted) return kNoneId;
  auto it = codes.find(*undotted);
  return it == codes.end() ? kNoneId : it->second;
}

Result<CodeMap> AssembleCodes(const std::vector<OrderEntry>& order, const TabularData& tabular,
                              SnapshotTables* t, std::vector<SearchDoc>* docs,
                              BuildReport* report) {
  const auto n = static_cast<std::uint32_t>(order.size());
  CodeMap ids;
  ids.reserve(n * 2);
  t->codes.resize(n);
  docs->resize(n);
  for (std::uint32_t id = 0; id < n; ++id) {
    const OrderEntry& e = order[id];
    if (!ids.emplace(e.code, id).second) {
      return MakeError(ErrorCode::kDataLoss, "order file lists code " + e.code + " twice");
    }
    format::CodeRecord& rec = t->codes[id];
    rec = {};
    rec.code = t->strings.Intern(DotCode(e.code));
    rec.long_title = t->strings.Intern(e.long_title);
    rec.short_title = t->strings.Intern(e.short_title);
    rec.billable = e.billable ? 1 : 0;
    rec.seven_def = kNoneId;
    rec.chapter = format::kNoGroup;
    rec.section = format::kNoGroup;
    t->billable_count += rec.billable;
    (*docs)[id].title = e.long_title;
  }

  // Hierarchy by prefix: the parent is the longest proper prefix that is itself a code.
  std::vector<std::vector<std::uint32_t>> kids(n);
  for (std::uint32_t id = 0; id < n; ++id) {
    const std::string& code = order[id].code;
    t->codes[id].parent = kNoneId;
    for (std::size_t len = code.size() - 1; len >= 3; --len) {
      auto it = ids.find(code.substr(0, len));
      if (it != ids.end()) {
        t->codes[id].parent = it->second;
        kids[it->second].push_back(id);  // ids ascend, so children keep tabular order
        break;
      }
    }
  }
  for (std::uint32_t id = 0; id < n; ++id) {
    t->codes[id].child_begin = static_cast<std::uint32_t>(t->children.size());
    t->codes[id].child_count = static_cast<std::uint32_t>(kids[id].size());
    t->children.insert(t->children.end(), kids[id].begin(), kids[id].end());
  }

  for (const TabularGroup& g : tabular.chapters) t->chapters.push_back(MakeGroup(g, t));
  for (const TabularGroup& g : tabular.sections) t->sections.push_back(MakeGroup(g, t));
  for (const SevenChrDefSource& def : tabular.seven_defs) {
    t->seven_defs.push_back({static_cast<std::uint32_t>(t->seven_exts.size()),
                             static_cast<std::uint32_t>(def.extensions.size())});
    for (const auto& [ch, meaning] : def.extensions) {
      t->seven_exts.push_back({t->strings.Intern(meaning), ch, {}});
    }
  }

  // Attach each FY2023 diag to the FY2026 code of the same name.
  std::vector<const TabularDiag*> diag_of(n, nullptr);
  std::vector<int> seven_src(n, -1);
  for (const TabularDiag& diag : tabular.diags) {
    auto undotted = UndotCode(diag.name);
    auto it = undotted ? ids.find(*undotted) : ids.end();
    if (it == ids.end()) {
      report->tabular_codes_not_in_fy2026.push_back(diag.name);
      continue;
    }
    diag_of[it->second] = &diag;
    seven_src[it->second] = diag.seven_def;
  }
  report->tabular_diags = tabular.diags.size();

  for (std::uint32_t id = 0; id < n; ++id) {
    format::CodeRecord& rec = t->codes[id];
    const TabularDiag* diag = diag_of[id];
    if (diag != nullptr) {
      rec.has_tabular = 1;
      rec.seven_def = diag->seven_def < 0 ? kNoneId : static_cast<std::uint32_t>(diag->seven_def);
      if (diag->chapter >= 0) rec.chapter = static_cast<std::uint16_t>(diag->chapter);
      if (diag->section >= 0) rec.section = static_cast<std::uint16_t>(diag->section);
      AddNotes(diag->notes, t, &rec.note_begin, &rec.note_count, &rec.excl_begin, &rec.excl_count);
      for (const TabularNote& note : diag->notes) {
        if (note.kind == NoteKind::kInclusionTerm) (*docs)[id].extras.push_back(note.text);
      }
    } else {
      rec.note_begin = static_cast<std::uint32_t>(t->notes.size());
      rec.excl_begin = static_cast<std::uint32_t>(t->excludes1_refs.size());
      const std::string& code = order[id].code;
      // 7-character codes exist in the tabular only through an ancestor's sevenChrDef.
      const bool via_seventh = code.size() == 7 && rec.parent != kNoneId &&
                               t->codes[rec.parent].has_tabular &&
                               SeventhCharDefined(t->codes, tabular, seven_src, id, code[6]);
      rec.has_tabular = via_seventh ? 1 : 0;
      if (!via_seventh) ++report->fy2026_codes_without_tabular;
    }
    // Codes the FY2023 tabular lacks take their chapter from the parent, or for a new category
    // from the code before it (the order file is in tabular order).
    if (rec.chapter == format::kNoGroup) {
      const std::uint32_t from = rec.parent != kNoneId ? rec.parent : (id > 0 ? id - 1 : kNoneId);
      if (from != kNoneId) {
        rec.chapter = t->codes[from].chapter;
        rec.section = t->codes[from].section;
      }
    }
  }

  t->lookup.resize(n);
  for (std::uint32_t id = 0; id < n; ++id) {
    format::LookupEntry& entry = t->lookup[id];
    entry = {};
    std::memcpy(entry.code, order[id].code.data(),
                std::min(order[id].code.size(), format::kCodeChars));
    entry.id = id;
  }
  std::sort(t->lookup.begin(), t->lookup.end(), [](const auto& a, const auto& b) {
    return std::memcmp(a.code, b.code, format::kCodeChars) < 0;
  });

  report->codes = n;
  report->billable = t->billable_count;
  report->headers = n - t->billable_count;
  return ids;
}

}  // namespace notecoder::codes
