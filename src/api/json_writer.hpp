#pragma once
// JSON text for our responses. Boost.JSON 1.81 writes every double in exponent form ("6.8E-1");
// clients and people read scores better as "0.68", so numbers are written in their shortest
// plain form (std::to_chars). Strings are escaped per RFC 8259; UTF-8 passes through.
#include <boost/json/value.hpp>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace notecoder::api {

void AppendJson(std::string& out, const boost::json::value& v);
std::string WriteJson(const boost::json::value& v);

// Writes JSON text straight into a string, for answers built on every request: no document
// tree to allocate, fill and free (that cost a fifth of a coding request's CPU time). Commas
// are placed by the writer; the caller keeps keys and values paired and containers balanced.
// Pieces gather in a small buffer first (most are a few bytes: a key, a comma, an offset, and a
// std::string append each was an out-of-line call); `out` holds the text once the outermost
// value is complete, after Flush(), or when the writer is destroyed.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}
  ~JsonOut() { Flush(); }
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  JsonOut& BeginObject() { return Open('{'); }
  JsonOut& EndObject() { return Close('}'); }
  JsonOut& BeginArray() { return Open('['); }
  JsonOut& EndArray() { return Close(']'); }
  // Keys are the program's own names: nothing in them needs escaping.
  JsonOut& Key(std::string_view key) {
    Separate();
    Put('"');
    Put(key);
    Put(std::string_view("\":"));
    after_key_ = true;
    return *this;
  }
  // The same for a literal: its quoted form has a known length, so it is copied without a call.
  template <std::size_t N>
  JsonOut& Key(const char (&key)[N]) {
    Separate();
    char quoted[N + 2];
    quoted[0] = '"';
    std::memcpy(quoted + 1, key, N - 1);
    quoted[N] = '"';
    quoted[N + 1] = ':';
    Put(std::string_view(quoted, N + 2));
    after_key_ = true;
    return *this;
  }

  JsonOut& String(std::string_view s);
  JsonOut& Number(double x);  // shortest plain form; NaN and infinity as null
  JsonOut& Int(std::int64_t x);
  JsonOut& UInt(std::uint64_t x);
  JsonOut& Bool(bool b) {
    return Literal(b ? std::string_view("true") : std::string_view("false"));
  }
  JsonOut& Null() { return Literal("null"); }
  JsonOut& Value(const boost::json::value& v);  // an already built value, written as it is

  void Flush() {
    out_.append(buffer_, used_);
    used_ = 0;
  }

 private:
  static constexpr std::size_t kBuffer = 1024;

  JsonOut& Open(char c) {
    Separate();
    Put(c);
    ++depth_;
    has_items_ &= ~(std::uint64_t{1} << (depth_ - 1));
    return *this;
  }
  JsonOut& Close(char c) {
    Put(c);
    --depth_;
    return Done();
  }
  JsonOut& Literal(std::string_view text) {
    Separate();
    Put(text);
    return Done();
  }
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
    if (has_items_ & bit) Put(',');
    has_items_ |= bit;
  }
  // A complete top-level value goes to `out` at once.
  JsonOut& Done() {
    if (depth_ == 0) Flush();
    return *this;
  }
  void Put(char c) {
    if (used_ == kBuffer) Flush();
    buffer_[used_++] = c;
  }
  void Put(std::string_view s) {
    if (s.size() > kBuffer - used_) return PutLong(s);
    if (!s.empty()) std::memcpy(buffer_ + used_, s.data(), s.size());  // data() may be null
    used_ += s.size();
  }
  void PutLong(std::string_view s);

  std::string& out_;
  std::uint64_t has_items_ = 0;  // one bit per open container (nesting is shallow)
  int depth_ = 0;
  bool after_key_ = false;
  std::size_t used_ = 0;
  char buffer_[kBuffer];
};

}  // namespace notecoder::api
