#include "api/code_json.hpp"

#include <boost/json/array.hpp>
#include <string>
#include <utility>
#include <vector>

namespace notecoder::api {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string_view>& v) {
  json::array a;
  for (auto s : v) a.emplace_back(s);
  return a;
}

}  // namespace

json::object CodeJson(const codes::Codebook& b, codes::CodeId id) {
  json::object o;
  o["code"] = b.Code(id);
  o["title"] = b.Title(id);
  o["short_title"] = b.ShortTitle(id);
  o["billable"] = b.IsBillable(id);
  o["chapter"] = b.Chapter(id);
  const auto parent = b.Parent(id);
  o["parent"] = parent == codes::kNone ? json::value(nullptr) : json::value(b.Code(parent));
  json::array children;
  for (auto c : b.Children(id)) {
    json::object x;
    x["code"] = b.Code(c);
    x["title"] = b.Title(c);
    x["billable"] = b.IsBillable(c);
    children.push_back(std::move(x));
  }
  o["children"] = std::move(children);
  json::object notes;
  const std::pair<codes::NoteKind, const char*> kinds[] = {
      {codes::NoteKind::kIncludes, "includes"},
      {codes::NoteKind::kInclusionTerm, "inclusion_terms"},
      {codes::NoteKind::kExcludes1, "excludes1"},
      {codes::NoteKind::kExcludes2, "excludes2"},
      {codes::NoteKind::kCodeFirst, "code_first"},
      {codes::NoteKind::kUseAdditionalCode, "use_additional_code"},
      {codes::NoteKind::kCodeAlso, "code_also"},
      {codes::NoteKind::kNotes, "notes"}};
  for (const auto& [kind, name] : kinds) {
    auto v = b.InheritedNotes(id, kind);
    if (!v.empty()) notes[name] = Strings(v);
  }
  o["notes"] = std::move(notes);
  json::array seventh;
  for (const auto& s : b.SeventhCharacters(id)) {
    json::object x;
    x["char"] = std::string(1, s.ch);
    x["meaning"] = s.meaning;
    seventh.push_back(std::move(x));
  }
  o["seventh_characters"] = std::move(seventh);
  json::array ext;
  for (const auto& e : b.ValidExtensions(id)) ext.emplace_back(e.code);
  o["valid_extensions"] = std::move(ext);
  return o;
}

}  // namespace notecoder::api
