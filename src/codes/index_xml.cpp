#include <pugixml.hpp>

#include <cstring>
#include <string>

#include "codes/text_util.hpp"
#include "codes/xml_load.hpp"
#include "codes/xml_sources.hpp"

namespace notecoder::codes {
namespace {

// <title>autonomic<nemod>(poly)</nemod>neuropathy</title>: the title is the text around the
// modifiers ("autonomic neuropathy"), the modifiers are kept apart ("(poly)").
void SplitTitle(const pugi::xml_node& title, IndexTermSource* term) {
  std::string text;
  std::string nemod;
  for (const pugi::xml_node& part : title.children()) {
    if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) {
      text += part.value();
    } else if (std::strcmp(part.name(), "nemod") == 0) {
      text += ' ';
      if (!nemod.empty()) nemod += ' ';
      nemod += part.child_value();
    }
  }
  term->title = CollapseWhitespace(text);
  term->nemod = CollapseWhitespace(nemod);
}

bool IsMisplacedNote(const pugi::xml_node& term) {
  const char* title = term.child("title").child_value();
  return std::strncmp(title, "Note:", 5) == 0;
}

void Walk(const pugi::xml_node& node, std::uint32_t parent, std::uint8_t level, IndexData* out) {
  IndexTermSource term;
  term.parent = parent;
  term.level = level;
  SplitTitle(node.child("title"), &term);
  term.code = CollapseWhitespace(node.child_value("code"));
  if (term.code.empty()) term.code = CollapseWhitespace(node.child_value("subcat"));
  term.manif = CollapseWhitespace(node.child_value("manif"));
  term.see = CollapseWhitespace(node.child_value("see"));
  if (term.see.empty()) {
    // <seecat>M01</seecat> is the index's "see category M01".
    const std::string seecat = CollapseWhitespace(node.child_value("seecat"));
    if (!seecat.empty()) term.see = "category " + seecat;
  }
  term.see_also = CollapseWhitespace(node.child_value("seeAlso"));
  const auto self = static_cast<std::uint32_t>(out->size());
  out->push_back(std::move(term));
  const auto child_level = static_cast<std::uint8_t>(level + 1);
  std::uint32_t previous = kNone;
  for (const pugi::xml_node& child : node.children("term")) {
    if (IsMisplacedNote(child)) {
      // The FY2023 index wraps some subterms in a "Note: ..." term (e.g. Failure > heart's
      // "systolic" and "stage A-D" sit under a sibling note). The note is text for people; its
      // subterms belong to the term it follows.
      const std::uint32_t adopter = previous == kNone ? self : previous;
      const auto level_below = static_cast<std::uint8_t>((*out)[adopter].level + 1);
      for (const pugi::xml_node& inner : child.children("term"))
        Walk(inner, adopter, level_below, out);
      continue;
    }
    previous = static_cast<std::uint32_t>(out->size());
    Walk(child, self, child_level, out);
  }
}

}  // namespace

Result<IndexData> ParseIndexXml(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  auto loaded = LoadXmlRoot(doc, xml, name, "ICD10CM.index", "index");
  if (!loaded.ok()) return loaded.error();
  const pugi::xml_node root = *loaded;
  IndexData terms;
  terms.reserve(90000);
  for (const pugi::xml_node& letter : root.children("letter")) {
    for (const pugi::xml_node& main : letter.children("mainTerm")) Walk(main, kNone, 0, &terms);
  }
  if (terms.empty()) return MakeError(ErrorCode::kDataLoss, std::string(name) + ": no main terms");
  return terms;
}

}  // namespace notecoder::codes
