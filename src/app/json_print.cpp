#include "app/json_print.hpp"

#include <string>

#include "api/json_writer.hpp"

namespace notecoder::app {
namespace {

void Pretty(std::ostream& os, const boost::json::value& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) {
      os << "{}";
      return;
    }
    os << "{\n";
    bool first = true;
    for (const auto& kv : o) {
      if (!first) os << ",\n";
      first = false;
      os << inner << api::WriteJson(boost::json::value(kv.key())) << ": ";
      Pretty(os, kv.value(), indent + 1);
    }
    os << "\n" << pad << "}";
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) {
      os << "[]";
      return;
    }
    os << "[\n";
    bool first = true;
    for (const auto& e : a) {
      if (!first) os << ",\n";
      first = false;
      os << inner;
      Pretty(os, e, indent + 1);
    }
    os << "\n" << pad << "]";
  } else {
    os << api::WriteJson(v);
  }
}

}  // namespace

void PrintJson(std::ostream& os, const boost::json::value& v, bool pretty) {
  if (pretty) {
    Pretty(os, v, 0);
  } else {
    os << api::WriteJson(v);
  }
  os << "\n";
}

}  // namespace notecoder::app
