#include <pugixml.hpp>

#include <cstring>
#include <string>

#include "codes/text_util.hpp"
#include "codes/xml_load.hpp"
#include "codes/xml_sources.hpp"

namespace notecoder::codes {
namespace {

struct NoteTag {
  const char* tag;
  NoteKind kind;
};

// sevenChrNote has no NoteKind of its own; it is an instructional note like <notes>.
constexpr NoteTag kNoteTags[] = {
    {"includes", NoteKind::kIncludes},   {"inclusionTerm", NoteKind::kInclusionTerm},
    {"excludes1", NoteKind::kExcludes1}, {"excludes2", NoteKind::kExcludes2},
    {"codeFirst", NoteKind::kCodeFirst}, {"useAdditionalCode", NoteKind::kUseAdditionalCode},
    {"codeAlso", NoteKind::kCodeAlso},   {"notes", NoteKind::kNotes},
    {"sevenChrNote", NoteKind::kNotes},
};

std::string Text(const pugi::xml_node& node) { return CollapseWhitespace(node.child_value()); }

// Appends the <note> children of every note-bearing child element of `node`.
void CollectNotes(const pugi::xml_node& node, std::vector<TabularNote>* out) {
  for (const pugi::xml_node& child : node.children()) {
    for (const NoteTag& nt : kNoteTags) {
      if (std::strcmp(child.name(), nt.tag) != 0) continue;
      for (const pugi::xml_node& note : child.children("note")) {
        std::string text = Text(note);
        if (!text.empty()) out->push_back({nt.kind, std::move(text)});
      }
    }
  }
}

class TabularWalker {
 public:
  explicit TabularWalker(TabularData* data) : data_(data) {}

  void Chapter(const pugi::xml_node& node) {
    const int chapter = static_cast<int>(data_->chapters.size());
    TabularGroup group{Text(node.child("name")), Text(node.child("desc")), {}};
    CollectNotes(node, &group.notes);
    data_->chapters.push_back(std::move(group));
    for (const pugi::xml_node& section : node.children("section")) Section(section, chapter);
  }

 private:
  void Section(const pugi::xml_node& node, int chapter) {
    const int section = static_cast<int>(data_->sections.size());
    TabularGroup group{node.attribute("id").as_string(), Text(node.child("desc")), {}};
    CollectNotes(node, &group.notes);
    data_->sections.push_back(std::move(group));
    for (const pugi::xml_node& diag : node.children("diag")) Diag(diag, chapter, section);
  }

  void Diag(const pugi::xml_node& node, int chapter, int section) {
    TabularDiag diag;
    diag.name = Text(node.child("name"));
    diag.desc = Text(node.child("desc"));
    diag.chapter = chapter;
    diag.section = section;
    CollectNotes(node, &diag.notes);
    if (const pugi::xml_node def = node.child("sevenChrDef")) {
      SevenChrDefSource seven;
      for (const pugi::xml_node& ext : def.children("extension")) {
        const std::string ch = ext.attribute("char").as_string();
        if (ch.size() == 1) seven.extensions.emplace_back(ch[0], Text(ext));
      }
      if (!seven.extensions.empty()) {
        diag.seven_def = static_cast<int>(data_->seven_defs.size());
        data_->seven_defs.push_back(std::move(seven));
      }
    }
    data_->diags.push_back(std::move(diag));
    for (const pugi::xml_node& child : node.children("diag")) Diag(child, chapter, section);
  }

  TabularData* data_;
};

}  // namespace

Result<TabularData> ParseTabularXml(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  auto loaded = LoadXmlRoot(doc, xml, name, "ICD10CM.tabular", "tabular");
  if (!loaded.ok()) return loaded.error();
  const pugi::xml_node root = *loaded;
  TabularData data;
  TabularWalker walker(&data);
  for (const pugi::xml_node& chapter : root.children("chapter")) walker.Chapter(chapter);
  if (data.diags.empty()) {
    return MakeError(ErrorCode::kDataLoss, std::string(name) + ": no <diag> elements");
  }
  return data;
}

}  // namespace notecoder::codes
