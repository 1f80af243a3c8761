#pragma once
// On-disk layout of the codebook snapshot. Little-endian, every section 8-byte aligned, records
// are plain structs read in place from the mapping (no parsing at Open). Bump kFormatVersion on
// any change to these structs or to what a field means.
#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "codes/hash.hpp"

namespace notecoder::codes::format {

static_assert(std::endian::native == std::endian::little, "snapshot records are read in place");

inline constexpr char kMagic[8] = {'N', 'C', 'C', 'O', 'D', 'E', 'B', 'K'};
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::uint32_t kNoneId = 0xFFFFFFFFu;
inline constexpr std::uint16_t kNoGroup = 0xFFFF;
inline constexpr std::size_t kCodeChars = 8;  // undotted code, NUL-padded

enum Section : std::uint32_t {
  kCodes,           // CodeRecord[code_count], id order = CMS tabular order
  kLookup,          // LookupEntry[code_count], sorted by undotted code
  kChildren,        // u32 code ids; CodeRecord::child_begin/count index it
  kStrings,         // string pool (UTF-8, not NUL-terminated)
  kNotes,           // NoteRecord[]; a record's notes are contiguous, ordered by kind
  kExcludes1Refs,   // Excludes1Ref[]; parsed code references of excludes1 notes
  kChapters,        // GroupRecord[]
  kSections,        // GroupRecord[]
  kSevenDefs,       // SevenDef[]
  kSevenExts,       // SevenExt[]
  kTerms,           // TermRecord[]; breadth-first, so a term's children are contiguous
  kMainTermKeys,    // MainTermKey[], sorted by folded lower-case title
  kWords,           // WordRecord[], sorted by word
  kPostingIds,      // u32 code ids, per word ascending
  kPostingWeights,  // float, parallel to kPostingIds: BM25 term-frequency part
  kSectionCount,
};

struct Str {
  std::uint32_t off;
  std::uint32_t len;
};

struct SectionEntry {
  std::uint64_t offset;
  std::uint64_t size;
};

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t flags;
  std::uint64_t total_size;
  std::uint64_t checksum;  // SnapshotChecksum(): the body, seeded with the header itself
  std::uint32_t code_count;
  std::uint32_t billable_count;
  std::uint32_t term_count;
  std::uint32_t main_term_count;
  char fingerprint[64];  // hex, NUL-padded
  SectionEntry sections[kSectionCount];
};

struct CodeRecord {
  Str code;  // dotted
  Str short_title;
  Str long_title;
  std::uint32_t parent;
  std::uint32_t child_begin;
  std::uint32_t child_count;
  std::uint32_t note_begin;
  std::uint32_t note_count;
  std::uint32_t excl_begin;
  std::uint32_t excl_count;
  std::uint32_t seven_def;  // defined directly on this code, kNoneId otherwise
  std::uint16_t chapter;
  std::uint16_t section;
  std::uint8_t billable;
  std::uint8_t has_tabular;  // the FY2023 tabular has a <diag> for it
  std::uint8_t pad[2];
};

struct LookupEntry {
  char code[kCodeChars];
  std::uint32_t id;
  std::uint32_t pad;
};

struct NoteRecord {
  Str text;
  std::uint8_t kind;  // NoteKind
  std::uint8_t pad[3];
};

struct Excludes1Ref {
  char lo[kCodeChars];
  char hi[kCodeChars];
  std::uint32_t note;  // index into kNotes
  std::uint8_t kind;   // CodeRef::Kind
  std::uint8_t pad[3];
};

struct GroupRecord {
  Str name;
  Str desc;
  std::uint32_t note_begin;
  std::uint32_t note_count;
  std::uint32_t excl_begin;
  std::uint32_t excl_count;
};

struct SevenDef {
  std::uint32_t ext_begin;
  std::uint32_t ext_count;
};

struct SevenExt {
  Str meaning;
  char ch;
  std::uint8_t pad[3];
};

struct TermRecord {
  Str title;
  Str nemod;
  Str code_text;
  Str manif;
  Str see;
  Str see_also;
  std::uint32_t parent;
  std::uint32_t child_begin;
  std::uint32_t child_count;
  std::uint32_t code_id;  // FY2026 code the reference names, kNoneId otherwise
  std::uint8_t level;
  std::uint8_t pad[3];
};

struct MainTermKey {
  Str folded;
  std::uint32_t term;
};

struct WordRecord {
  Str word;
  std::uint32_t post_begin;
  std::uint32_t post_count;
  float idf;
};

template <class T>
inline constexpr bool kPod = std::is_trivially_copyable_v<T>&& std::is_standard_layout_v<T>;
static_assert(kPod<Header> && kPod<CodeRecord> && kPod<TermRecord> && kPod<WordRecord>);
static_assert(sizeof(Header) % 8 == 0);

// Covers the header too (with the checksum field zeroed), so a damaged section table, count or
// fingerprint is caught as well as a damaged body. `bytes` holds the whole file.
inline std::uint64_t SnapshotChecksum(const void* bytes, std::size_t size) {
  Header header;
  std::memcpy(&header, bytes, sizeof header);
  header.checksum = 0;
  const std::uint64_t seed = Hash64(&header, sizeof header);
  return Hash64(static_cast<const char*>(bytes) + sizeof header, size - sizeof header, seed);
}

}  // namespace notecoder::codes::format
