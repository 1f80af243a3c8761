#pragma once
// Codebook::Impl: the mapping plus typed views of its sections. Shared by the codebook_*.cpp
// and search.cpp files, each of which implements one group of Codebook members.
#include <span>
#include <string>
#include <string_view>

#include "codes/codebook.hpp"
#include "codes/snapshot_format.hpp"
#include "infra/mapped_file.hpp"

namespace notecoder::codes {

struct Codebook::Impl {
  MappedFile file;
  const format::Header* header = nullptr;
  std::span<const format::CodeRecord> codes;
  std::span<const format::LookupEntry> lookup;
  std::span<const std::uint32_t> children;
  std::string_view strings;
  std::span<const format::NoteRecord> notes;
  std::span<const format::Excludes1Ref> excludes1_refs;
  std::span<const format::GroupRecord> chapters;
  std::span<const format::GroupRecord> sections;
  std::span<const format::SevenDef> seven_defs;
  std::span<const format::SevenExt> seven_exts;
  std::span<const format::TermRecord> terms;
  std::span<const format::MainTermKey> main_term_keys;
  std::span<const format::WordRecord> words;
  std::span<const std::uint32_t> posting_ids;
  std::span<const float> posting_weights;

  // Out-of-range references read as empty rather than past the mapping: the checksum catches
  // accidental corruption, this keeps a well-checksummed but buggy file from crashing a reader.
  std::string_view Str(format::Str s) const {
    if (static_cast<std::size_t>(s.off) + s.len > strings.size()) return {};
    return strings.substr(s.off, s.len);
  }
  bool ValidCode(CodeId id) const { return id < codes.size(); }
  bool ValidTerm(TermId id) const { return id < terms.size(); }
  const format::CodeRecord& Rec(CodeId id) const { return codes[id]; }
  // The 7th-character definition nearest to `id` (itself first), or kNone.
  std::uint32_t SevenDefFor(CodeId id) const;
  // The undotted code of `id` ("E1122").
  std::string Undotted(CodeId id) const;
};

}  // namespace notecoder::codes
