#pragma once
// The ICD-10-CM code set, read from a compiled snapshot that is memory-mapped read-only and used
// in place. FY2026 CMS order file = which codes exist and are billable; FY2023 tabular XML = the
// instructional notes; FY2023 Alphabetic Index XML = index terms. Build with BuildSnapshot().
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/result.hpp"

namespace notecoder {
class MappedFile;
}  // namespace notecoder

namespace notecoder::codes {

// Dense id of a code (header or billable) in the snapshot; ids follow CMS tabular order.
using CodeId = std::uint32_t;
// Dense id of an Alphabetic Index term (main term or subterm).
using TermId = std::uint32_t;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

enum class NoteKind : std::uint8_t {
  kIncludes,
  kInclusionTerm,
  kExcludes1,
  kExcludes2,
  kCodeFirst,
  kUseAdditionalCode,
  kCodeAlso,
  kNotes,
};

struct SeventhChar {
  char ch;                   // '1'..'9', 'A'..'Z'
  std::string_view meaning;  // "initial encounter for closed fracture"
};

// A full code that a 7th-character extension produces, e.g. S72.001 + A → S72.001A.
struct Extension {
  std::string code;  // dotted, placeholder X inserted where needed ("T36.0X1A")
  char ch;
  std::string_view meaning;
};

struct Excludes1Conflict {
  // The code (or ancestor of it) that carries the excludes1 note; for a note on the tabular
  // section or chapter, the 3-character category the code belongs to.
  CodeId holder;
  std::string_view note;  // the note text
};

// The excludes1 references that bear on one code (its own, its ancestors', its section's and
// chapter's), less those that cover the code itself, gathered once: checking a note's codes
// pairwise then compares a few strings per pair instead of walking both codes' ancestors.
struct Excludes1Profile {
  struct Ref {
    std::string_view lo;  // undotted bounds of the referenced codes (see RefCovers)
    std::string_view hi;
    CodeId holder;  // as Excludes1Conflict::holder
    std::string_view note;
  };
  CodeId id = kNone;  // kNone for an unknown code, which conflicts with nothing
  std::string undotted;
  std::vector<Ref> refs;  // in the order the conflict check tries them
};

struct SearchHit {
  CodeId id;
  double score;
};

class Codebook {
 public:
  // Maps `snapshot` and validates magic, format version, size and checksum. A corrupt,
  // truncated or foreign file is a kDataLoss error whose message names the file.
  static Result<std::shared_ptr<const Codebook>> Open(const std::filesystem::path& snapshot);
  // The same checks on a snapshot held in memory (copied); `name` stands for the file in errors.
  static Result<std::shared_ptr<const Codebook>> FromBytes(std::string_view bytes,
                                                           const std::filesystem::path& name);
  ~Codebook();
  Codebook(const Codebook&) = delete;
  Codebook& operator=(const Codebook&) = delete;

  // ---- identity of the snapshot
  std::string_view Fingerprint() const;  // hex digest of the sources it was built from
  std::uint32_t CodeCount() const;       // headers + billable
  std::uint32_t BillableCount() const;

  // ---- codes
  // Accepts "E11.22", "E1122", " e11.22 " (case and dot insensitive). nullopt when unknown.
  std::optional<CodeId> Find(std::string_view code) const;
  std::string_view Code(CodeId id) const;        // dotted form, "E11.22"
  std::string_view Title(CodeId id) const;       // CMS long title
  std::string_view ShortTitle(CodeId id) const;  // CMS short title
  bool IsBillable(CodeId id) const;
  CodeId Parent(CodeId id) const;                 // kNone for a 3-character category
  std::vector<CodeId> Children(CodeId id) const;  // direct children in tabular order
  bool IsAncestorOf(CodeId ancestor, CodeId id) const;
  std::string_view Chapter(CodeId id) const;  // chapter title of the code (from the tabular)

  // Notes attached directly to `id` (not inherited). Texts are the tabular XML's <note>s.
  std::vector<std::string_view> Notes(CodeId id, NoteKind kind) const;
  // Notes from `id` and all its ancestors, nearest first.
  std::vector<std::string_view> InheritedNotes(CodeId id, NoteKind kind) const;

  // 7th characters valid for `id`, from the nearest ancestor's sevenChrDef (empty if none).
  std::vector<SeventhChar> SeventhCharacters(CodeId id) const;
  // Full billable codes formed by adding a 7th character to `id` (a code of fewer than 7
  // characters whose ancestor defines 7th characters), padded with placeholder X.
  std::vector<Extension> ValidExtensions(CodeId id) const;

  // True when an excludes1 note on `a` or an ancestor of `a` names `b` (or a category/range
  // containing `b`), or the same the other way round.
  std::optional<Excludes1Conflict> FindExcludes1Conflict(CodeId a, CodeId b) const;
  // The same check in two steps, for many pairs among the same codes. Profiles hold views into
  // the codebook: valid while it lives.
  Excludes1Profile Excludes1ProfileOf(CodeId id) const;
  static std::optional<Excludes1Conflict> FindExcludes1Conflict(const Excludes1Profile& a,
                                                                const Excludes1Profile& b);

  // Word search over titles, inclusion terms and index terms, best first.
  std::vector<SearchHit> Search(std::string_view query, std::size_t limit) const;

  // ---- Alphabetic Index (main terms and nested subterms)
  std::uint32_t TermCount() const;
  std::vector<TermId> MainTerms() const;            // in index order
  std::vector<TermId> SubTerms(TermId term) const;  // direct children in index order
  // The same without allocating: subterms are numbered consecutively, [first, last).
  struct TermRange {
    TermId first = 0;
    TermId last = 0;
  };
  TermRange SubTermRange(TermId term) const;
  TermId TermParent(TermId term) const;                   // kNone for a main term
  std::uint8_t TermLevel(TermId term) const;              // 0 for a main term
  std::string_view TermTitle(TermId term) const;          // title without non-essential modifiers
  std::string_view TermNemod(TermId term) const;          // "(mellitus) (sugar)" or empty
  std::optional<CodeId> TermCode(TermId term) const;      // code at this level (FY2026-valid only)
  std::string_view TermCodeText(TermId term) const;       // code as the index writes it ("S72.00-")
  std::string_view TermManifestation(TermId term) const;  // bracketed manifestation code or empty
  std::string_view TermSee(TermId term) const;            // "see" target text or empty
  std::string_view TermSeeAlso(TermId term) const;        // "see also" target text or empty
  // Main terms whose title equals `title` (case-insensitive, ASCII-folded).
  std::vector<TermId> FindMainTerm(std::string_view title) const;

  struct Impl;

 private:
  explicit Codebook(std::unique_ptr<Impl> impl);
  static Result<std::shared_ptr<const Codebook>> Load(const std::filesystem::path& snapshot,
                                                      MappedFile file);
  std::unique_ptr<Impl> impl_;
};

// Normalizes "e11.22" / "E1122" to the dotted upper-case form "E11.22"; nullopt if the text
// cannot be an ICD-10-CM code (3–7 alphanumerics, letter first).
std::optional<std::string> NormalizeCode(std::string_view text);

// UTF-8 → ASCII for matching: Latin-1 letters lose their diacritics ("Sézary" → "Sezary"),
// typographic quotes and dashes become ASCII, other non-ASCII characters are dropped.
std::string AsciiFold(std::string_view utf8);

}  // namespace notecoder::codes
