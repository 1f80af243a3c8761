// Codebook members about instructional notes: notes, 7th characters, excludes1 conflicts.
#include <cstring>

#include "codes/code_refs.hpp"
#include "codes/codebook_impl.hpp"

namespace notecoder::codes {
namespace {

std::string_view RefCode(const char (&code)[format::kCodeChars]) {
  return {code, strnlen(code, format::kCodeChars)};
}

void AppendNotes(const Codebook::Impl& impl, std::uint32_t begin, std::uint32_t count,
                 NoteKind kind, std::vector<std::string_view>* out) {
  if (static_cast<std::size_t>(begin) + count > impl.notes.size()) return;
  for (const format::NoteRecord& note : impl.notes.subspan(begin, count)) {
    if (note.kind == static_cast<std::uint8_t>(kind)) out->push_back(impl.Str(note.text));
  }
}

// The references in [begin, begin+count) that can exclude another code from `self`: a note
// never excludes the code it sits on.
void AppendRefs(const Codebook::Impl& impl, std::uint32_t begin, std::uint32_t count, CodeId holder,
                std::string_view self, std::vector<Excludes1Profile::Ref>& out) {
  if (static_cast<std::size_t>(begin) + count > impl.excludes1_refs.size()) return;
  for (const format::Excludes1Ref& ref : impl.excludes1_refs.subspan(begin, count)) {
    const std::string_view lo = RefCode(ref.lo);
    const std::string_view hi = RefCode(ref.hi);
    if (!RefCovers(lo, hi, self) && ref.note < impl.notes.size()) {
      out.push_back({lo, hi, holder, impl.Str(impl.notes[ref.note].text)});
    }
  }
}

// The first reference of `from` that covers `other`.
std::optional<Excludes1Conflict> OneWay(const Excludes1Profile& from,
                                        const Excludes1Profile& other) {
  for (const Excludes1Profile::Ref& ref : from.refs) {
    if (RefCovers(ref.lo, ref.hi, other.undotted)) return Excludes1Conflict{ref.holder, ref.note};
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string_view> Codebook::Notes(CodeId id, NoteKind kind) const {
  std::vector<std::string_view> out;
  if (!impl_->ValidCode(id)) return out;
  const format::CodeRecord& rec = impl_->Rec(id);
  AppendNotes(*impl_, rec.note_begin, rec.note_count, kind, &out);
  return out;
}

std::vector<std::string_view> Codebook::InheritedNotes(CodeId id, NoteKind kind) const {
  std::vector<std::string_view> out;
  if (!impl_->ValidCode(id)) return out;
  for (CodeId c = id; c != kNone && impl_->ValidCode(c); c = impl_->Rec(c).parent) {
    AppendNotes(*impl_, impl_->Rec(c).note_begin, impl_->Rec(c).note_count, kind, &out);
  }
  // Then the section's and the chapter's notes, which apply to every code under them.
  const format::CodeRecord& rec = impl_->Rec(id);
  if (rec.section < impl_->sections.size()) {
    const format::GroupRecord& g = impl_->sections[rec.section];
    AppendNotes(*impl_, g.note_begin, g.note_count, kind, &out);
  }
  if (rec.chapter < impl_->chapters.size()) {
    const format::GroupRecord& g = impl_->chapters[rec.chapter];
    AppendNotes(*impl_, g.note_begin, g.note_count, kind, &out);
  }
  return out;
}

std::vector<SeventhChar> Codebook::SeventhCharacters(CodeId id) const {
  std::vector<SeventhChar> out;
  if (!impl_->ValidCode(id)) return out;
  const std::uint32_t def = impl_->SevenDefFor(id);
  if (def >= impl_->seven_defs.size()) return out;
  const format::SevenDef& d = impl_->seven_defs[def];
  if (static_cast<std::size_t>(d.ext_begin) + d.ext_count > impl_->seven_exts.size()) return out;
  for (const format::SevenExt& ext : impl_->seven_exts.subspan(d.ext_begin, d.ext_count)) {
    out.push_back({ext.ch, impl_->Str(ext.meaning)});
  }
  return out;
}

std::vector<Extension> Codebook::ValidExtensions(CodeId id) const {
  std::vector<Extension> out;
  if (!impl_->ValidCode(id)) return out;
  std::string base = impl_->Undotted(id);
  if (base.size() >= 7) return out;
  base.resize(6, 'X');  // placeholder X pads to six characters before the 7th
  for (const SeventhChar& sc : SeventhCharacters(id)) {
    const std::string full = base + sc.ch;
    const auto found = Find(full);
    if (!found || !IsBillable(*found)) continue;  // FY2026 decides what exists
    out.push_back({std::string(Code(*found)), sc.ch, sc.meaning});
  }
  return out;
}

Excludes1Profile Codebook::Excludes1ProfileOf(CodeId id) const {
  Excludes1Profile profile;
  if (!impl_->ValidCode(id)) return profile;
  profile.id = id;
  profile.undotted = impl_->Undotted(id);
  CodeId top = id;
  for (CodeId holder = id; holder != kNone && impl_->ValidCode(holder);
       holder = impl_->Rec(holder).parent) {
    const format::CodeRecord& rec = impl_->Rec(holder);
    AppendRefs(*impl_, rec.excl_begin, rec.excl_count, holder, profile.undotted, profile.refs);
    top = holder;
  }
  // Section and chapter notes apply to every code under them; the category stands as holder.
  const format::CodeRecord& rec = impl_->Rec(id);
  for (const auto& [groups, index] :
       {std::pair{impl_->sections, rec.section}, std::pair{impl_->chapters, rec.chapter}}) {
    if (index >= groups.size()) continue;
    const format::GroupRecord& g = groups[index];
    AppendRefs(*impl_, g.excl_begin, g.excl_count, top, profile.undotted, profile.refs);
  }
  return profile;
}

std::optional<Excludes1Conflict> Codebook::FindExcludes1Conflict(const Excludes1Profile& a,
                                                                 const Excludes1Profile& b) {
  if (a.id == kNone || b.id == kNone || a.id == b.id) return std::nullopt;
  if (auto hit = OneWay(a, b)) return hit;
  return OneWay(b, a);
}

std::optional<Excludes1Conflict> Codebook::FindExcludes1Conflict(CodeId a, CodeId b) const {
  if (!impl_->ValidCode(a) || !impl_->ValidCode(b) || a == b) return std::nullopt;
  return FindExcludes1Conflict(Excludes1ProfileOf(a), Excludes1ProfileOf(b));
}

}  // namespace notecoder::codes
