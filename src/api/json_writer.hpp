#pragma once
// JSON text for our responses. Boost.JSON 1.81 writes every double in exponent form ("6.8E-1");
// clients and people read scores better as "0.68", so numbers are written in their shortest
// plain form (std::to_chars). Strings are escaped per RFC 8259; UTF-8 passes through.
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace notecoder::api {

void AppendJson(std::string& out, const boost::json::value& v);
std::string WriteJson(const boost::json::value& v);

// Writes JSON text straight into a string, for answers built on every request: no document
// tree to allocate, fill and free (that cost a fifth of a coding request's CPU time). Commas
// are placed by the writer; the caller keeps keys and values paired and containers balanced.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}

  JsonOut& BeginObject() { return Open('{'); }
  JsonOut& EndObject() { return Close('}'); }
  JsonOut& BeginArray() { return Open('['); }
  JsonOut& EndArray() { return Close(']'); }
  JsonOut& Key(std::string_view key);

  JsonOut& String(std::string_view s);
  JsonOut& Number(double x);  // shortest plain form; NaN and infinity as null
  JsonOut& Int(std::int64_t x);
  JsonOut& UInt(std::uint64_t x);
  JsonOut& Bool(bool b);
  JsonOut& Null();
  JsonOut& Value(const boost::json::value& v);  // an already built value, written as it is

 private:
  JsonOut& Open(char c);
  JsonOut& Close(char c);
  void Separate();

  std::string& out_;
  std::uint64_t has_items_ = 0;  // one bit per open container (nesting is shallow)
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace notecoder::api
