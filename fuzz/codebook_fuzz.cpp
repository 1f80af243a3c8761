// The codebook snapshot loader, from bytes. As for model files, the target rewrites the size and
// checksum of the mutated snapshot so the fuzzer gets past them; a snapshot that opens is then
// read through every accessor, over the first codes and terms, as the engines read it.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "codes/codebook.hpp"
#include "codes/snapshot_format.hpp"
#include "fuzz_support.hpp"

namespace {

namespace codes = notecoder::codes;
namespace format = notecoder::codes::format;

constexpr std::uint32_t kMaxVisited = 64;  // records read per input: keeps an execution short

void ResealChecksum(std::string& bytes) {
  if (bytes.size() < sizeof(format::Header)) return;
  format::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.total_size = bytes.size();
  std::memcpy(bytes.data(), &h, sizeof h);
  h.checksum = format::SnapshotChecksum(bytes.data(), bytes.size());
  std::memcpy(bytes.data(), &h, sizeof h);
}

void ReadCode(const codes::Codebook& book, codes::CodeId id) {
  (void)book.Code(id);
  (void)book.Title(id);
  (void)book.ShortTitle(id);
  (void)book.IsBillable(id);
  (void)book.Chapter(id);
  (void)book.Parent(id);
  (void)book.IsAncestorOf(0, id);
  for (const codes::CodeId child : book.Children(id)) (void)book.Code(child);
  for (int k = 0; k <= static_cast<int>(codes::NoteKind::kNotes); ++k) {
    (void)book.Notes(id, static_cast<codes::NoteKind>(k));
    (void)book.InheritedNotes(id, static_cast<codes::NoteKind>(k));
  }
  (void)book.SeventhCharacters(id);
  (void)book.ValidExtensions(id);
  (void)book.FindExcludes1Conflict(id, 0);
  (void)book.FindExcludes1Conflict(0, id);
  // A code found by its own text is itself.
  if (const auto found = book.Find(book.Code(id)); found) (void)book.Code(*found);
}

void ReadTerm(const codes::Codebook& book, codes::TermId term) {
  (void)book.SubTerms(term);
  const auto range = book.SubTermRange(term);
  FUZZ_CHECK(range.first <= range.last);
  (void)book.TermParent(term);
  (void)book.TermLevel(term);
  (void)book.TermTitle(term);
  (void)book.TermNemod(term);
  if (const auto code = book.TermCode(term); code) (void)book.Code(*code);
  (void)book.TermCodeText(term);
  (void)book.TermManifestation(term);
  (void)book.TermSee(term);
  (void)book.TermSeeAlso(term);
  (void)book.FindMainTerm(book.TermTitle(term));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace notecoder;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  ResealChecksum(bytes);
  auto opened = codes::Codebook::FromBytes(bytes, "fuzz.codebook");
  if (!opened.ok()) {
    // Why a seed is refused, when checking a corpus by hand.
    if (std::getenv("NOTECODER_FUZZ_VERBOSE") != nullptr) {
      std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    }
    FUZZ_CHECK(opened.error().code == ErrorCode::kDataLoss);
    return 0;
  }
  const codes::Codebook& book = **opened;
  (void)book.Fingerprint();
  for (codes::CodeId id = 0; id < book.CodeCount() && id < kMaxVisited; ++id) ReadCode(book, id);
  ReadCode(book, codes::kNone);
  for (const codes::TermId t : book.MainTerms()) {
    if (t >= kMaxVisited) break;
    ReadTerm(book, t);
  }
  for (codes::TermId t = 0; t < book.TermCount() && t < kMaxVisited; ++t) ReadTerm(book, t);
  for (const std::string_view q : {"diabetes", "fracture femur", "cholera type 2", "x"}) {
    for (const auto& hit : book.Search(q, 5)) (void)book.Code(hit.id);
  }
  for (const std::string_view code : {"E11.9", "I10", "S72.001A", "T36.0X1A", "A00"}) {
    if (const auto id = book.Find(code); id) ReadCode(book, *id);
  }
  return 0;
}
