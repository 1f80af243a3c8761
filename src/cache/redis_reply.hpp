#pragma once
// A Redis reply in our own types (copied out of hiredis's reply before hiredis frees it), so no
// caller ever sees a hiredis type.
#include <string>
#include <vector>

namespace notecoder::cache {

struct RedisReply {
  enum class Type { kNil, kString, kInteger, kArray, kStatus, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<RedisReply> elements;  // kArray

  bool is_error() const { return type == Type::kError; }
  bool is_nil() const { return type == Type::kNil; }
};

}  // namespace notecoder::cache
