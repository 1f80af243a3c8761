// Black-box tests of `notecoder synth` and `notecoder train` (the built binary).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/shell_command.hpp"
#include "support/test_paths.hpp"

namespace notecoder {
namespace {

using CommandResult = testing::ShellResult;

// Runs the binary with `args`; stdout and stderr captured.
CommandResult Notecoder(const std::string& args) {
  return testing::RunShell(std::string(NOTECODER_BINARY) + " " + args + " --codebook " +
                           testing::CodebookPath().string() + " 2>&1");
}

class CliTrain : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("notecoder_cli_train_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return Path(name);
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::filesystem::path dir_;
};

TEST_F(CliTrain, SynthIsDeterministic) {
  ASSERT_EQ(Notecoder("synth --notes 50 --seed 4 --labels 80 --out " + Path("a.jsonl")).status, 0);
  ASSERT_EQ(Notecoder("synth --notes 50 --seed 4 --labels 80 --out " + Path("b.jsonl")).status, 0);
  const std::string a = Read(Path("a.jsonl"));
  EXPECT_EQ(a, Read(Path("b.jsonl")));
  EXPECT_EQ(std::count(a.begin(), a.end(), '\n'), 50);
  EXPECT_EQ(a.rfind("{\"note\": \"CHIEF COMPLAINT:", 0), 0u);
}

TEST_F(CliTrain, TrainsOnASyntheticCorpusAndPrintsMetrics) {
  ASSERT_EQ(Notecoder("synth --notes 800 --seed 2 --out " + Path("notes.jsonl")).status, 0);
  const CommandResult r =
      Notecoder("train --data " + Path("notes.jsonl") + " --out " + Path("model.bin") +
                " --C 10 --ngram-max 2 --min-df 2 --threads 2");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("640 training notes, 160 held out"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("held-out metrics"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tuned thresholds"), std::string::npos) << r.out;
  // The synthetic conditions are learnable: micro F1 at tuned thresholds is high.
  const auto at = r.out.find("tuned thresholds (*)");
  ASSERT_NE(at, std::string::npos);
  const auto f1_at = r.out.find("F1 ", at);
  EXPECT_GT(std::stod(r.out.substr(f1_at + 3, 5)), 0.8) << r.out;
  EXPECT_GT(std::filesystem::file_size(Path("model.bin")), 1000u);
  // Not a terminal: plain progress lines, no carriage-return redraws.
  EXPECT_EQ(r.out.find('\r'), std::string::npos);
}

TEST_F(CliTrain, ReportsBadLinesAndCodesByNumberWithoutNoteText) {
  std::string text;
  for (int i = 0; i < 30; ++i) {
    text += i % 2 == 0 ? "{\"note\": \"Hypertension, on lisinopril.\", \"codes\": [\"I10\"]}\n"
                       : "{\"note\": \"Asthma, uses albuterol.\", \"codes\": [\"J45.909\"]}\n";
  }
  text.insert(text.find('\n') + 1, "{\"note\": \"SECRET-PHI broken\n");             // line 2
  text += "{\"note\": \"SECRET-PHI gout\", \"codes\": [\"M10.9\", \"E11.99\"]}\n";  // line 32
  const std::string data = Write("mixed.jsonl", text);
  const CommandResult skip =
      Notecoder("train --holdout 0 --data " + data + " --out " + Path("m.bin"));
  ASSERT_EQ(skip.status, 0) << skip.out;
  EXPECT_NE(skip.out.find("line 2: not valid JSON (line skipped)"), std::string::npos) << skip.out;
  EXPECT_NE(skip.out.find("line 32: unknown code E11.99 (code dropped)"), std::string::npos)
      << skip.out;
  EXPECT_EQ(skip.out.find("SECRET"), std::string::npos);

  const CommandResult fatal =
      Notecoder("train --bad-lines fatal --data " + data + " --out " + Path("m2.bin"));
  EXPECT_EQ(fatal.status, 2);
  EXPECT_NE(fatal.out.find("line 2: not valid JSON"), std::string::npos) << fatal.out;
  EXPECT_EQ(fatal.out.find("SECRET"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path("m2.bin")));
}

TEST_F(CliTrain, EmptyOrMissingDataIsAClearError) {
  const CommandResult empty =
      Notecoder("train --data " + Write("empty.jsonl", "") + " --out " + Path("m.bin"));
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.out.find("no training examples"), std::string::npos) << empty.out;
  EXPECT_NE(empty.out.find("the file is empty"), std::string::npos) << empty.out;
  const CommandResult missing =
      Notecoder("train --data " + Path("nope.jsonl") + " --out " + Path("m.bin"));
  EXPECT_EQ(missing.status, 1);
  const CommandResult no_codes = Notecoder(
      "train --holdout 0 --data " + Write("nocodes.jsonl", "{\"note\": \"x y\", \"codes\": []}\n") +
      " --out " + Path("m.bin"));
  EXPECT_EQ(no_codes.status, 2);
  EXPECT_NE(no_codes.out.find("no training note has a valid code"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path("m.bin")));
}

}  // namespace
}  // namespace notecoder
