#pragma once
// What the parsers read from the CMS/CDC files, before it is compiled into a snapshot.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "codes/codebook.hpp"

namespace notecoder::codes {

struct OrderEntry {
  std::uint32_t order_number = 0;
  std::string code;  // undotted, "E1122"
  bool billable = false;
  std::string short_title;
  std::string long_title;
};

struct AddendaSummary {
  std::size_t added = 0;
  std::size_t deleted = 0;
  std::size_t revised = 0;                 // "Revise to" lines
  std::vector<std::string> added_codes;    // undotted
  std::vector<std::string> deleted_codes;  // undotted
};

struct TabularNote {
  NoteKind kind;
  std::string text;
};

struct SevenChrDefSource {
  std::vector<std::pair<char, std::string>> extensions;  // char, meaning
};

// A chapter or a section of the tabular.
struct TabularGroup {
  std::string name;  // "4" or "E08-E13"
  std::string desc;
  std::vector<TabularNote> notes;
};

struct TabularDiag {
  std::string name;  // dotted, as in the XML
  std::string desc;
  std::vector<TabularNote> notes;
  int seven_def = -1;  // index into TabularData::seven_defs, defined on this diag
  int chapter = -1;
  int section = -1;
};

struct TabularData {
  std::vector<TabularGroup> chapters;
  std::vector<TabularGroup> sections;
  std::vector<TabularDiag> diags;  // document order
  std::vector<SevenChrDefSource> seven_defs;
};

struct IndexTermSource {
  std::string title;  // without nemod, whitespace collapsed
  std::string nemod;
  std::string code;   // as written ("E11.22", "S72.00-"); from <code> or <subcat>
  std::string manif;  // manifestation code shown in brackets ("I43")
  std::string see;
  std::string see_also;
  std::uint32_t parent = kNone;  // index into the vector; kNone for a main term
  std::uint8_t level = 0;
};

// Index terms in document (pre-)order; a parent precedes its children.
using IndexData = std::vector<IndexTermSource>;

}  // namespace notecoder::codes
