// Black-box tests of the built `notecoder` binary: what a user types and what they get back.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/shell_command.hpp"
#include "support/test_paths.hpp"

namespace notecoder {
namespace {

namespace json = boost::json;

// Runs the binary with `args` through the shell, feeding `input` from a file; stdout captured.
testing::ShellResult Notecoder(const std::string& args, const std::string& input = {}) {
  static int counter = 0;
  const auto in_path =
      std::filesystem::temp_directory_path() /
      ("notecoder_cli_in_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::ofstream(in_path, std::ios::binary) << input;
  const std::string cmd = std::string(NOTECODER_BINARY) + " " + args + " --codebook " +
                          testing::CodebookPath().string() + " < " + in_path.string() +
                          " 2>/dev/null";
  auto r = testing::RunShell(cmd);
  std::filesystem::remove(in_path);
  return r;
}

TEST(Cli, CodesANoteFromStdin) {
  const auto r = Notecoder(
      "code -", "Assessment:\n1. Type 2 diabetes with CKD stage 3b.\n2. Denies chest pain.\n");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto body = json::parse(r.out).as_object();
  bool has = false;
  for (const auto& c : body.at("codes").as_array()) has |= c.at("code").as_string() == "E11.22";
  EXPECT_TRUE(has) << r.out;
  EXPECT_FALSE(body.at("excluded").as_array().empty());
}

TEST(Cli, EmptyNoteIsAJsonErrorWithoutNoteText) {
  const auto r = Notecoder("code -", "   \n");
  EXPECT_EQ(r.status, 3);
  const auto body = json::parse(r.out).as_object();
  EXPECT_EQ(body.at("error").at("code").as_string(), "invalid_argument");
}

TEST(Cli, BinaryInputIsRefusedAndTheCanaryNeverEchoed) {
  const std::string canary = "CANARY-7f3a9c-PHI";
  std::string note = "Patient " + canary + " has hypertension";
  note.push_back('\0');
  note += "\xff\xfe";
  const auto r = Notecoder("code -", note);
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out.find(canary), std::string::npos);
  EXPECT_NO_THROW(json::parse(r.out));
}

TEST(Cli, ShowsACode) {
  const auto r = Notecoder("codes show e1122");
  ASSERT_EQ(r.status, 0);
  const auto body = json::parse(r.out).as_object();
  EXPECT_EQ(body.at("code").as_string(), "E11.22");
  EXPECT_TRUE(body.at("billable").as_bool());
  EXPECT_EQ(body.at("parent").as_string(), "E11.2");
}

TEST(Cli, UnknownCodeIsNotFound) {
  const auto r = Notecoder("codes show Q99.999");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(json::parse(r.out).at("error").at("code").as_string(), "not_found");
}

TEST(Cli, SearchFindsTheCombinationCode) {
  const auto r = Notecoder("codes search \"type 2 diabetes ckd\" --limit 3");
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("E11.22"), std::string::npos) << r.out;
}

TEST(Cli, Excludes1Conflict) {
  const auto r = Notecoder("codes conflict E10.9 E11.9");
  ASSERT_EQ(r.status, 0);
  EXPECT_TRUE(json::parse(r.out).at("excludes1").as_bool());
}

TEST(Cli, CorruptSnapshotIsNamedInTheMessage) {
  const auto bad = std::filesystem::temp_directory_path() / "notecoder_cli_corrupt.bin";
  std::ofstream(bad, std::ios::binary) << "not a codebook at all";
  const std::string cmd =
      std::string(NOTECODER_BINARY) + " codes show I10 --codebook " + bad.string() + " 2>&1";
  const auto r = testing::RunShell(cmd);
  EXPECT_GT(r.status, 0);
  EXPECT_NE(r.out.find(bad.string()), std::string::npos) << r.out;
  std::filesystem::remove(bad);
}

}  // namespace
}  // namespace notecoder
