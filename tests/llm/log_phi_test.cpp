// Note text never reaches a log line or an error message, even when a provider's error body
// echoes the whole request back.
#include <gtest/gtest.h>

#include "infra/logging.hpp"
#include "llm/agents.hpp"
#include "llm/client_fixture.hpp"
#include "support/test_paths.hpp"

namespace notecoder::llm {
namespace {

constexpr const char* kCanary = "CANARY-7f3a-patient-Jane-Doe-SSN";

TEST(LlmPhi, ProviderErrorBodiesThatEchoTheNoteStayOutOfLogs) {
  infra::InitLogging("trace");
  testing::FakeProvider fake;
  fake.Control(R"({"rate_500":1.0,"plan":["echo500","echo500","echo500","echo500","echo500"]})");
  auto client = testing::MakeClient(testing::FakeConfig(fake));
  Agents agents(*client, testing::SharedCodebook());
  const std::string note = std::string("Patient note ") + kCanary + " with diabetes.";
  ::testing::internal::CaptureStdout();
  auto r = testing::RunSync(agents.Parse(note, {}));
  auto basics = testing::RunSync(agents.Basics(note, {}));
  const std::string logs = ::testing::internal::GetCapturedStdout();
  infra::InitLogging("info");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, CallErrorKind::kProviderError);
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_EQ(r.error().message.find("CANARY"), std::string::npos);
  EXPECT_EQ(ToError(r.error()).message.find("CANARY"), std::string::npos);
  EXPECT_TRUE(basics.degraded);
  EXPECT_NE(logs.find("\"event\":\"llm_call\""), std::string::npos);  // we did log the calls
  EXPECT_EQ(logs.find("CANARY"), std::string::npos) << logs;
  EXPECT_EQ(logs.find("Jane"), std::string::npos);
}

}  // namespace
}  // namespace notecoder::llm
