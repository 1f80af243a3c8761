#include "codes/codebook.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>

#include "codes/code_refs.hpp"
#include "codes/codebook_impl.hpp"

namespace notecoder::codes {
namespace {

Error Corrupt(const std::filesystem::path& path, const std::string& what) {
  return MakeError(ErrorCode::kDataLoss, "codebook snapshot " + path.string() + ": " + what);
}

template <class T>
bool BindSection(const MappedFile& file, const format::SectionEntry& entry,
                 std::span<const T>* out) {
  if (entry.offset > file.size() || entry.size > file.size() - entry.offset ||
      entry.offset % alignof(T) != 0 || entry.size % sizeof(T) != 0) {
    return false;
  }
  *out = {reinterpret_cast<const T*>(file.data() + entry.offset), entry.size / sizeof(T)};
  return true;
}

Status Validate(const std::filesystem::path& path, const MappedFile& file) {
  const std::size_t size = file.size();
  if (size == 0) return Corrupt(path, "truncated (empty file)");
  if (size < sizeof(format::kMagic) ||
      std::memcmp(file.data(), format::kMagic, sizeof format::kMagic) != 0) {
    return Corrupt(path, "not a notecoder codebook (bad magic)");
  }
  if (size < sizeof(format::Header)) return Corrupt(path, "truncated (header incomplete)");
  format::Header header;
  std::memcpy(&header, file.data(), sizeof header);
  if (header.version != format::kFormatVersion) {
    return Corrupt(path, "format version " + std::to_string(header.version) + ", expected " +
                             std::to_string(format::kFormatVersion));
  }
  if (header.total_size > size) {
    return Corrupt(path, "truncated (" + std::to_string(size) + " of " +
                             std::to_string(header.total_size) + " bytes)");
  }
  if (header.total_size < size) {
    return Corrupt(path, "size mismatch (" + std::to_string(size) + " bytes, header says " +
                             std::to_string(header.total_size) + ")");
  }
  if (format::SnapshotChecksum(file.data(), size) != header.checksum)
    return Corrupt(path, "checksum mismatch (file is corrupt)");
  return {};
}

// Parents have smaller ids and children larger ones (codes in tabular order, terms breadth-
// first), so every walk up or down either hierarchy ends. Checked once here, as the checksum
// only proves the file is the one written: a consistent-looking file with a loop would hang the
// readers that walk parents or recurse into children.
bool LinksTerminate(const Codebook::Impl& impl) {
  const std::size_t codes = impl.codes.size();
  for (std::size_t id = 0; id < codes; ++id) {
    const format::CodeRecord& c = impl.codes[id];
    if (c.parent != kNone && c.parent >= id) return false;
    if (static_cast<std::size_t>(c.child_begin) + c.child_count > impl.children.size()) continue;
    for (const std::uint32_t kid : impl.children.subspan(c.child_begin, c.child_count)) {
      if (kid <= id || kid >= codes) return false;
    }
  }
  const std::size_t terms = impl.terms.size();
  for (std::size_t id = 0; id < terms; ++id) {
    const format::TermRecord& t = impl.terms[id];
    if (t.parent != kNone && t.parent >= id) return false;
    if (t.child_count > 0 && t.child_begin <= id) return false;
  }
  return true;
}

}  // namespace

std::uint32_t Codebook::Impl::SevenDefFor(CodeId id) const {
  for (; id != kNone && ValidCode(id); id = codes[id].parent) {
    if (codes[id].seven_def != kNone) return codes[id].seven_def;
  }
  return kNone;
}

std::string Codebook::Impl::Undotted(CodeId id) const {
  std::string out(Str(codes[id].code));
  std::erase(out, '.');
  return out;
}

Result<std::shared_ptr<const Codebook>> Codebook::Open(const std::filesystem::path& snapshot) {
  auto file = MappedFile::Open(snapshot);
  if (!file.ok()) return file.error();
  // Open verifies the checksum by reading every page once, front to back.
  ::madvise(const_cast<std::byte*>(file->data()), file->size(), MADV_SEQUENTIAL);
  auto book = Load(snapshot, std::move(*file));
  if (book.ok()) {
    const MappedFile& f = (*book)->impl_->file;
    ::madvise(const_cast<std::byte*>(f.data()), f.size(), MADV_RANDOM);
  }
  return book;
}

Result<std::shared_ptr<const Codebook>> Codebook::FromBytes(std::string_view bytes,
                                                            const std::filesystem::path& name) {
  return Load(name, MappedFile::Copy(bytes));
}

Result<std::shared_ptr<const Codebook>> Codebook::Load(const std::filesystem::path& snapshot,
                                                       MappedFile file) {
  try {
    if (Status s = Validate(snapshot, file); !s.ok()) return s.error();

    auto impl = std::make_unique<Impl>();
    impl->file = std::move(file);
    const MappedFile& f = impl->file;
    impl->header = reinterpret_cast<const format::Header*>(f.data());
    const format::SectionEntry* sec = impl->header->sections;
    std::span<const char> strings;
    const bool ok = BindSection(f, sec[format::kCodes], &impl->codes) &&
                    BindSection(f, sec[format::kLookup], &impl->lookup) &&
                    BindSection(f, sec[format::kChildren], &impl->children) &&
                    BindSection(f, sec[format::kStrings], &strings) &&
                    BindSection(f, sec[format::kNotes], &impl->notes) &&
                    BindSection(f, sec[format::kExcludes1Refs], &impl->excludes1_refs) &&
                    BindSection(f, sec[format::kChapters], &impl->chapters) &&
                    BindSection(f, sec[format::kSections], &impl->sections) &&
                    BindSection(f, sec[format::kSevenDefs], &impl->seven_defs) &&
                    BindSection(f, sec[format::kSevenExts], &impl->seven_exts) &&
                    BindSection(f, sec[format::kTerms], &impl->terms) &&
                    BindSection(f, sec[format::kMainTermKeys], &impl->main_term_keys) &&
                    BindSection(f, sec[format::kWords], &impl->words) &&
                    BindSection(f, sec[format::kPostingIds], &impl->posting_ids) &&
                    BindSection(f, sec[format::kPostingWeights], &impl->posting_weights);
    if (!ok) return Corrupt(snapshot, "section table points outside the file");
    impl->strings = {strings.data(), strings.size()};
    if (impl->codes.size() != impl->header->code_count ||
        impl->lookup.size() != impl->codes.size() ||
        impl->posting_ids.size() != impl->posting_weights.size() ||
        impl->terms.size() != impl->header->term_count) {
      return Corrupt(snapshot, "section sizes disagree with the header");
    }
    if (!LinksTerminate(*impl)) return Corrupt(snapshot, "code or term hierarchy has a loop");
    return std::shared_ptr<const Codebook>(new Codebook(std::move(impl)));
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, "opening " + snapshot.string() + ": " + e.what());
  }
}

Codebook::Codebook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Codebook::~Codebook() = default;

std::string_view Codebook::Fingerprint() const {
  const char* fp = impl_->header->fingerprint;
  return {fp, strnlen(fp, sizeof impl_->header->fingerprint)};
}
std::uint32_t Codebook::CodeCount() const { return impl_->header->code_count; }
std::uint32_t Codebook::BillableCount() const { return impl_->header->billable_count; }

std::optional<CodeId> Codebook::Find(std::string_view code) const {
  auto undotted = UndotCode(code);
  if (!undotted) return std::nullopt;
  char key[format::kCodeChars] = {};
  std::memcpy(key, undotted->data(), undotted->size());
  const auto it = std::lower_bound(impl_->lookup.begin(), impl_->lookup.end(), key,
                                   [](const format::LookupEntry& e, const char* k) {
                                     return std::memcmp(e.code, k, format::kCodeChars) < 0;
                                   });
  if (it == impl_->lookup.end() || std::memcmp(it->code, key, format::kCodeChars) != 0) {
    return std::nullopt;
  }
  return it->id;
}

std::string_view Codebook::Code(CodeId id) const {
  return impl_->ValidCode(id) ? impl_->Str(impl_->Rec(id).code) : std::string_view{};
}
std::string_view Codebook::Title(CodeId id) const {
  return impl_->ValidCode(id) ? impl_->Str(impl_->Rec(id).long_title) : std::string_view{};
}
std::string_view Codebook::ShortTitle(CodeId id) const {
  return impl_->ValidCode(id) ? impl_->Str(impl_->Rec(id).short_title) : std::string_view{};
}
bool Codebook::IsBillable(CodeId id) const {
  return impl_->ValidCode(id) && impl_->Rec(id).billable != 0;
}
CodeId Codebook::Parent(CodeId id) const {
  return impl_->ValidCode(id) ? impl_->Rec(id).parent : kNone;
}

std::vector<CodeId> Codebook::Children(CodeId id) const {
  if (!impl_->ValidCode(id)) return {};
  const format::CodeRecord& rec = impl_->Rec(id);
  if (static_cast<std::size_t>(rec.child_begin) + rec.child_count > impl_->children.size())
    return {};
  const auto kids = impl_->children.subspan(rec.child_begin, rec.child_count);
  return {kids.begin(), kids.end()};
}

bool Codebook::IsAncestorOf(CodeId ancestor, CodeId id) const {
  if (!impl_->ValidCode(ancestor) || !impl_->ValidCode(id)) return false;
  for (CodeId p = impl_->Rec(id).parent; p != kNone && impl_->ValidCode(p);
       p = impl_->Rec(p).parent) {
    if (p == ancestor) return true;
  }
  return false;
}

std::string_view Codebook::Chapter(CodeId id) const {
  if (!impl_->ValidCode(id)) return {};
  const std::uint16_t chapter = impl_->Rec(id).chapter;
  if (chapter >= impl_->chapters.size()) return {};
  return impl_->Str(impl_->chapters[chapter].desc);
}

}  // namespace notecoder::codes
