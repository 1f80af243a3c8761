#pragma once
// REDIS_URL: redis://[[user]:password@]host[:port][/db]. The password never appears in an error
// message or in Describe().
#include <string>
#include <string_view>

#include "infra/result.hpp"

namespace notecoder::cache {

struct RedisUrl {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  std::string user;      // Redis 6 ACL user; empty: the default user
  std::string password;  // secret
  // "redis://host:port/db" with the credentials masked: what the start-up log shows.
  std::string Describe() const;
};

Result<RedisUrl> ParseRedisUrl(std::string_view url);

}  // namespace notecoder::cache
