#include "ml/synthetic_notes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "ml/synthetic_conditions.hpp"
#include "support/test_paths.hpp"

namespace notecoder::ml {
namespace {

SyntheticNotes Generator(std::size_t labels) {
  auto generator = SyntheticNotes::Create(*testing::SharedCodebook(), labels);
  EXPECT_TRUE(generator.ok()) << (generator.ok() ? "" : generator.error().message);
  return std::move(*generator);
}

std::string Corpus(const SyntheticNotes& g, std::uint64_t seed, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) AppendJsonLine(g.Generate(seed, i), out);
  return out;
}

TEST(SyntheticNotes, SameSeedSameBytesOtherSeedOtherNotes) {
  const auto g = Generator(60);
  EXPECT_EQ(Corpus(g, 5, 200), Corpus(Generator(60), 5, 200));
  EXPECT_NE(Corpus(g, 5, 200), Corpus(g, 6, 200));
  // Note i depends only on (seed, i): a shorter corpus is a prefix of a longer one.
  const std::string longer = Corpus(g, 5, 300);
  EXPECT_EQ(longer.substr(0, Corpus(g, 5, 200).size()), Corpus(g, 5, 200));
}

TEST(SyntheticNotes, EveryCodeIsABillableCodebookCode) {
  const auto book = testing::SharedCodebook();
  const auto g = Generator(600);
  ASSERT_EQ(g.conditions().size(), 600u);
  std::set<std::string> distinct;
  for (const auto& c : g.conditions()) {
    const auto id = book->Find(c.code);
    ASSERT_TRUE(id.has_value()) << c.code;
    EXPECT_TRUE(book->IsBillable(*id)) << c.code;
    EXPECT_FALSE(c.names.empty()) << c.code;
    distinct.insert(c.code);
  }
  EXPECT_EQ(distinct.size(), 600u);
  for (std::uint64_t i = 0; i < 2000; ++i) {
    const auto note = g.Generate(9, i);
    ASSERT_FALSE(note.codes.empty());
    EXPECT_LE(note.codes.size(), 5u);
    EXPECT_TRUE(std::is_sorted(note.codes.begin(), note.codes.end()));
    for (const auto& code : note.codes) EXPECT_TRUE(distinct.contains(code)) << code;
  }
}

TEST(SyntheticNotes, TooManyLabelsIsAClearError) {
  auto refused = SyntheticNotes::Create(*testing::SharedCodebook(), 100000);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().message.find("--labels 100000"), std::string::npos);
}

// The generator's own contract: a condition named only in a negated, family-history or
// hypothetical sentence is not a label. We find such sentences by their templates and check that
// the condition they name is not among the note's codes.
TEST(SyntheticNotes, NegatedFamilyAndHypotheticalMentionsAreNotLabels) {
  const auto g = Generator(static_cast<std::size_t>(CuratedConditions().size()));
  std::map<std::string, std::string> code_of;  // lower-cased name → code
  for (const auto& c : g.conditions()) {
    for (const auto& name : c.names) {
      std::string lower = name;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      code_of[lower] = c.code;
    }
  }
  const std::regex pattern(
      "(Denies |Negative for |No evidence of |No history of |Patient denies any |Mother had |"
      "Father with |Brother was diagnosed with |Maternal grandmother had |"
      "Watch for signs of |Discussed the risk of |Counseled to return for any signs of )"
      "([^.]+)\\.");
  std::size_t checked = 0, family = 0, negated = 0, hypothetical = 0;
  for (std::uint64_t i = 0; i < 500; ++i) {
    const auto note = g.Generate(21, i);
    for (std::sregex_iterator it(note.note.begin(), note.note.end(), pattern), end; it != end;
         ++it) {
      std::string name = (*it)[2].str();
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      const auto found = code_of.find(name);
      if (found == code_of.end()) continue;  // e.g. "Denies tobacco use" in social history
      ++checked;
      const std::string trigger = (*it)[1].str();
      if (trigger.find("had") != std::string::npos || trigger.find("with") != std::string::npos ||
          trigger.find("diagnosed") != std::string::npos) {
        ++family;
      } else if (trigger.find("signs") != std::string::npos ||
                 trigger.find("risk") != std::string::npos) {
        ++hypothetical;
      } else {
        ++negated;
      }
      const bool labelled =
          std::find(note.codes.begin(), note.codes.end(), found->second) != note.codes.end();
      EXPECT_FALSE(labelled) << "note " << i << ": \"" << it->str() << "\" is labelled "
                             << found->second;
    }
  }
  // The corpus really contains each kind of distractor.
  EXPECT_GT(negated, 100u);
  EXPECT_GT(family, 30u);
  EXPECT_GT(hypothetical, 30u);
  EXPECT_EQ(checked, negated + family + hypothetical);
}

TEST(SyntheticNotes, JsonLineEscapesAndListsCodes) {
  LabelledNote note{"a \"quoted\" line\nback\\slash\ttab", {"E11.22", "I10"}};
  std::string out;
  AppendJsonLine(note, out);
  EXPECT_EQ(out,
            "{\"note\": \"a \\\"quoted\\\" line\\nback\\\\slash\\u0009tab\", \"codes\": "
            "[\"E11.22\", \"I10\"]}\n");
}

}  // namespace
}  // namespace notecoder::ml
