// Quality on our labelled development notes (tests/rules/dev_notes, see its README): micro
// precision and recall of the codes, and how many must-not codes (negated, family, historical,
// hypothetical, uncertain mentions) slip through. The floors are set just under the measured
// figures so a regression fails, and raised as the engine improves.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "rules/rules_engine.hpp"
#include "support/test_paths.hpp"

namespace notecoder::rules {
namespace {

namespace json = boost::json;

// Measured 2026-11-26: precision 0.921, recall 0.868, must-not 5/331 (0.015).
constexpr double kMinPrecision = 0.90;
constexpr double kMinRecall = 0.85;
constexpr double kMaxMustNotRate = 0.02;  // must-not codes emitted / must-not codes labelled

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> StringSet(const json::object& o, const char* key) {
  std::set<std::string> s;
  if (const auto* v = o.if_contains(key)) {
    for (const auto& e : v->as_array()) s.insert(std::string(e.as_string()));
  }
  return s;
}

TEST(DevCorpus, QualityFloors) {
  auto book = testing::SharedCodebook();
  ASSERT_TRUE(book);
  const RulesEngine engine(book);
  const auto dir = testing::SourceDir() / "tests" / "rules" / "dev_notes";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;

  std::vector<std::filesystem::path> labels;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".json") labels.push_back(e.path());
  }
  std::sort(labels.begin(), labels.end());
  ASSERT_GE(labels.size(), 20u);

  std::size_t predicted = 0, correct = 0, gold = 0, found = 0, must_not = 0, leaked = 0;
  for (const auto& label_path : labels) {
    auto note_path = label_path;
    note_path.replace_extension(".txt");
    const std::string note = ReadFile(note_path);
    const json::object label = json::parse(ReadFile(label_path)).as_object();
    const auto codes = StringSet(label, "codes");
    const auto acceptable = StringSet(label, "acceptable");
    const auto forbidden = StringSet(label, "must_not");

    auto result = engine.Code(note);
    ASSERT_TRUE(result.ok()) << note_path << ": " << result.error().message;
    std::set<std::string> got;
    for (const auto& c : result->codes) got.insert(c.code);

    std::vector<std::string> fp, fn, bad;
    for (const auto& c : got) {
      ++predicted;
      if (codes.count(c) || acceptable.count(c))
        ++correct;
      else
        fp.push_back(c);
      if (forbidden.count(c)) bad.push_back(c);
    }
    for (const auto& c : codes) {
      ++gold;
      if (got.count(c))
        ++found;
      else
        fn.push_back(c);
    }
    must_not += forbidden.size();
    leaked += bad.size();
    std::cout << label_path.stem().string() << ": " << got.size() << " coded";
    const auto list = [](const char* name, const std::vector<std::string>& v) {
      if (v.empty()) return;
      std::cout << "  " << name << ":";
      for (const auto& c : v) std::cout << ' ' << c;
    };
    list("extra", fp);
    list("missed", fn);
    list("MUST-NOT", bad);
    std::cout << "\n";
  }
  const double precision = predicted ? static_cast<double>(correct) / predicted : 0;
  const double recall = gold ? static_cast<double>(found) / gold : 0;
  const double leak_rate = must_not ? static_cast<double>(leaked) / must_not : 0;
  std::cout << "dev corpus: " << labels.size() << " notes, precision " << precision << ", recall "
            << recall << ", must-not leaked " << leaked << "/" << must_not << "\n";
  EXPECT_GE(precision, kMinPrecision);
  EXPECT_GE(recall, kMinRecall);
  EXPECT_LE(leak_rate, kMaxMustNotRate);
}

}  // namespace
}  // namespace notecoder::rules
