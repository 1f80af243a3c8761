#include "api/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace notecoder::api {
namespace {

// True when one of the 8 bytes is a control character, '"' or '\\' (exact for "any", SWAR).
bool NeedsEscape8(std::uint64_t v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const auto zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t control = (v - 0x20 * kOnes) & ~v & kHigh;
  return (control | zero_byte(v ^ ('"' * kOnes)) | zero_byte(v ^ ('\\' * kOnes))) != 0;
}

void AppendString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // bytes copied as they are, in one append
  std::size_t i = 0;
  while (i < s.size()) {
    // Most text has nothing to escape: skip it eight bytes at a time.
    if (i + 8 <= s.size()) {
      std::uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      if (!NeedsEscape8(v)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.substr(run, i - run));
    run = ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

template <class T>
void AppendNumber(std::string& out, T x) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, ec == std::errc() ? end : buf);
}

}  // namespace

void AppendJson(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      out += "null";
      break;
    case boost::json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case boost::json::kind::int64:
      AppendNumber(out, v.get_int64());
      break;
    case boost::json::kind::uint64:
      AppendNumber(out, v.get_uint64());
      break;
    case boost::json::kind::double_: {
      const double d = v.get_double();
      // JSON has no NaN or infinity; a score is never either, but the output stays valid.
      if (std::isfinite(d)) {
        AppendNumber(out, d);
      } else {
        out += "null";
      }
      break;
    }
    case boost::json::kind::string:
      AppendString(out, v.get_string());
      break;
    case boost::json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        AppendJson(out, e);
      }
      out.push_back(']');
      break;
    }
    case boost::json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        AppendString(out, kv.key());
        out.push_back(':');
        AppendJson(out, kv.value());
      }
      out.push_back('}');
      break;
    }
  }
}

void JsonOut::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
  if (has_items_ & bit) out_.push_back(',');
  has_items_ |= bit;
}

JsonOut& JsonOut::Open(char c) {
  Separate();
  out_.push_back(c);
  ++depth_;
  has_items_ &= ~(std::uint64_t{1} << (depth_ - 1));
  return *this;
}

JsonOut& JsonOut::Close(char c) {
  out_.push_back(c);
  --depth_;
  return *this;
}

JsonOut& JsonOut::Key(std::string_view key) {
  Separate();
  // Keys are the program's own names: nothing in them needs escaping.
  out_.push_back('"');
  out_.append(key);
  out_.append("\":");
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::String(std::string_view s) {
  Separate();
  AppendString(out_, s);
  return *this;
}

JsonOut& JsonOut::Number(double x) {
  Separate();
  if (std::isfinite(x)) {
    AppendNumber(out_, x);
  } else {
    out_ += "null";
  }
  return *this;
}

JsonOut& JsonOut::Int(std::int64_t x) {
  Separate();
  AppendNumber(out_, x);
  return *this;
}

JsonOut& JsonOut::UInt(std::uint64_t x) {
  Separate();
  AppendNumber(out_, x);
  return *this;
}

JsonOut& JsonOut::Bool(bool b) {
  Separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonOut& JsonOut::Null() {
  Separate();
  out_ += "null";
  return *this;
}

JsonOut& JsonOut::Value(const boost::json::value& v) {
  Separate();
  AppendJson(out_, v);
  return *this;
}

std::string WriteJson(const boost::json::value& v) {
  std::string out;
  out.reserve(4096);
  AppendJson(out, v);
  return out;
}

}  // namespace notecoder::api
