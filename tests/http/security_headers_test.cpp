#include "http/security_headers.hpp"

#include <gtest/gtest.h>

namespace notecoder::http {
namespace {

TEST(SecurityHeaders, EveryAnswerIsNotSniffedNotStoredAndNamesNoVersion) {
  Response res;
  SetSecurityHeaders(res);
  EXPECT_EQ(res[beast_http::field::server], "notecoder");
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(res[beast_http::field::cache_control], "no-store");
  EXPECT_EQ(res["Referrer-Policy"], "no-referrer");
}

TEST(SecurityHeaders, AHandlersOwnCacheControlIsKept) {
  Response page;
  page.set(beast_http::field::cache_control, "no-cache");  // the static page revalidates
  SetSecurityHeaders(page);
  EXPECT_EQ(page[beast_http::field::cache_control], "no-cache");
}

}  // namespace
}  // namespace notecoder::http
