#include "http/cors.hpp"

#include <gtest/gtest.h>

namespace notecoder::http {
namespace {

Request Preflight(std::string_view origin) {
  Request req{beast_http::verb::options, "/predict/coder", 11};
  req.set(beast_http::field::origin, origin);
  req.set(beast_http::field::access_control_request_method, "POST");
  return req;
}

TEST(Cors, OffWithoutOriginsAddsNothing) {
  const CorsPolicy off({});
  EXPECT_FALSE(off.enabled());
  Response res;
  off.Decorate("https://app.example.com", res);
  EXPECT_EQ(res.find(beast_http::field::access_control_allow_origin), res.end());
  EXPECT_EQ(res.find(beast_http::field::vary), res.end());
}

TEST(Cors, OnlyAnExactListedOriginIsEchoed) {
  const CorsPolicy cors({"https://app.example.com", "http://localhost:3000"});
  EXPECT_TRUE(cors.Allows("https://app.example.com"));
  EXPECT_TRUE(cors.Allows("http://localhost:3000"));
  for (const char* other : {"https://app.example.com.evil.org", "http://app.example.com",
                            "https://app.example.com:443", "null", "*", ""}) {
    EXPECT_FALSE(cors.Allows(other)) << other;
  }
  Response listed;
  cors.Decorate("http://localhost:3000", listed);
  EXPECT_EQ(listed[beast_http::field::access_control_allow_origin], "http://localhost:3000");
  EXPECT_EQ(listed[beast_http::field::vary], "Origin");
  EXPECT_EQ(listed.find(beast_http::field::access_control_allow_credentials), listed.end());
  Response other;
  cors.Decorate("https://evil.org", other);
  EXPECT_EQ(other.find(beast_http::field::access_control_allow_origin), other.end());
  EXPECT_EQ(other[beast_http::field::vary], "Origin") << "the answer still varies by origin";
}

TEST(Cors, PreflightNamesMethodsHeadersAndMaxAge) {
  const CorsPolicy cors({"https://app.example.com"});
  EXPECT_TRUE(CorsPolicy::IsPreflight(Preflight("https://app.example.com")));
  Request plain_options{beast_http::verb::options, "/predict/coder", 11};
  plain_options.set(beast_http::field::origin, "https://app.example.com");
  EXPECT_FALSE(CorsPolicy::IsPreflight(plain_options)) << "no Access-Control-Request-Method";
  Request post{beast_http::verb::post, "/predict/coder", 11};
  post.set(beast_http::field::origin, "https://app.example.com");
  post.set(beast_http::field::access_control_request_method, "POST");
  EXPECT_FALSE(CorsPolicy::IsPreflight(post));

  const Reply r = cors.Preflight("https://app.example.com", "POST");
  const auto& res = r.response;
  EXPECT_EQ(res.result_int(), 204u);
  EXPECT_EQ(res[beast_http::field::access_control_allow_origin], "https://app.example.com");
  EXPECT_EQ(res[beast_http::field::access_control_allow_methods], "POST");
  const std::string headers(res[beast_http::field::access_control_allow_headers]);
  for (const char* h : {"Authorization", "Content-Type", "X-Request-Id"}) {
    EXPECT_NE(headers.find(h), std::string::npos) << h;
  }
  EXPECT_EQ(res[beast_http::field::access_control_max_age], "600");
  EXPECT_EQ(res[beast_http::field::vary], "Origin");
  EXPECT_TRUE(res.body().empty());
}

}  // namespace
}  // namespace notecoder::http
