#include "api/json_writer.hpp"

#include <algorithm>
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

// `s` as a JSON string, in pieces handed to `put(std::string_view)`: a std::string's append or
// JsonOut's buffer.
template <class Put>
void PutEscaped(const Put& put, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  put("\"");
  std::size_t run = 0;  // bytes copied as they are, in one append
  std::size_t i = 0;
  while (i < s.size()) {
    // Most text has nothing to escape: skip it eight bytes at a time.
    if (i + 8 <= s.size() || s.size() >= 8) {
      // The last block overlaps the one before it rather than going byte by byte.
      const std::size_t at = std::min(i, s.size() - 8);
      std::uint64_t v;
      std::memcpy(&v, s.data() + at, 8);
      if (!NeedsEscape8(v)) {
        i = at + 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    put(s.substr(run, i - run));
    run = ++i;
    switch (c) {
      case '"':
        put("\\\"");
        break;
      case '\\':
        put("\\\\");
        break;
      case '\n':
        put("\\n");
        break;
      case '\r':
        put("\\r");
        break;
      case '\t':
        put("\\t");
        break;
      case '\b':
        put("\\b");
        break;
      case '\f':
        put("\\f");
        break;
      default: {
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        put(std::string_view(escaped, sizeof escaped));
      }
    }
  }
  put(s.substr(run));
  put("\"");
}

void AppendString(std::string& out, std::string_view s) {
  PutEscaped([&out](std::string_view piece) { out.append(piece); }, s);
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

void JsonOut::PutLong(std::string_view s) {
  Flush();
  if (s.size() >= kBuffer) {
    out_.append(s);
  } else {
    std::memcpy(buffer_, s.data(), s.size());
    used_ = s.size();
  }
}

JsonOut& JsonOut::String(std::string_view s) {
  Separate();
  PutEscaped([this](std::string_view piece) { Put(piece); }, s);
  return Done();
}

JsonOut& JsonOut::Number(double x) {
  if (!std::isfinite(x)) return Null();
  Separate();
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  Put(std::string_view(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0));
  return Done();
}

JsonOut& JsonOut::Int(std::int64_t x) {
  Separate();
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  Put(std::string_view(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0));
  return Done();
}

JsonOut& JsonOut::UInt(std::uint64_t x) {
  Separate();
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  Put(std::string_view(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0));
  return Done();
}

JsonOut& JsonOut::Value(const boost::json::value& v) {
  Separate();
  Flush();
  AppendJson(out_, v);
  return Done();
}

std::string WriteJson(const boost::json::value& v) {
  std::string out;
  out.reserve(4096);
  AppendJson(out, v);
  return out;
}

}  // namespace notecoder::api
