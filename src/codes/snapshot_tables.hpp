#pragma once
// The snapshot's sections as in-memory vectors: the builder fills them, the writer lays them
// out byte for byte.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "codes/snapshot_format.hpp"

namespace notecoder::codes {

// Deduplicating string pool: equal texts (a short title equal to its long title, a note repeated
// under many codes) are stored once.
class StringPool {
 public:
  format::Str Intern(std::string_view text);
  const std::string& data() const { return data_; }

 private:
  std::string data_;
  std::unordered_map<std::string, format::Str> seen_;
};

struct SnapshotTables {
  std::vector<format::CodeRecord> codes;
  std::vector<format::LookupEntry> lookup;
  std::vector<std::uint32_t> children;
  StringPool strings;
  std::vector<format::NoteRecord> notes;
  std::vector<format::Excludes1Ref> excludes1_refs;
  std::vector<format::GroupRecord> chapters;
  std::vector<format::GroupRecord> sections;
  std::vector<format::SevenDef> seven_defs;
  std::vector<format::SevenExt> seven_exts;
  std::vector<format::TermRecord> terms;
  std::vector<format::MainTermKey> main_term_keys;
  std::vector<format::WordRecord> words;
  std::vector<std::uint32_t> posting_ids;
  std::vector<float> posting_weights;
  std::uint32_t billable_count = 0;
  std::uint32_t main_term_count = 0;
  std::string fingerprint;
};

// Searchable text of one code: its long title plus secondary texts (inclusion terms, index
// paths leading to it) that count for less.
struct SearchDoc {
  std::string title;
  // Index main terms whose own code is this one ("Pneumonia" → J18.9): the index's default
  // code for a condition, weighted like title words.
  std::vector<std::string> main_terms;
  std::vector<std::string> extras;
};

// Fills words/posting_* from one SearchDoc per code id.
void BuildSearchIndex(const std::vector<SearchDoc>& docs, SnapshotTables* tables);

}  // namespace notecoder::codes
