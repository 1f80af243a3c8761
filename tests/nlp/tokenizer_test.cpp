// Tokens, norms, the light stemmer and byte-range lookup.
#include <gtest/gtest.h>

#include "nlp/normalize.hpp"
#include "nlp/token_index.hpp"
#include "nlp/tokenizer.hpp"
#include "nlp_test_util.hpp"

namespace notecoder::nlp {
namespace {

using testing::AnalyzeOk;
using testing::Norms;
using V = std::vector<std::string>;

TEST(Tokenizer, WordsNumbersAndPunctuation) {
  const auto doc = AnalyzeOk("T2DM, HbA1c 7.2; BP 142/88 covid-19 3b 1,000 mg");
  EXPECT_EQ(Norms(doc), (V{"t2dm", ",", "hba1c", "7.2", ";", "bp", "142", "/", "88", "covid", "-",
                           "19", "3b", "1,000", "mg"}));
  EXPECT_EQ(doc.tokens[3].kind, TokenKind::kNumber);
  EXPECT_EQ(doc.tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(doc.tokens[1].kind, TokenKind::kPunct);
  EXPECT_EQ(doc.tokens[12].kind, TokenKind::kWord);  // "3b"
}

TEST(Tokenizer, ApostrophesStayInsideWords) {
  const auto doc = AnalyzeOk("Crohn's disease, patient’s 'quoted' don't");
  EXPECT_EQ(Norms(doc), (V{"crohn's", "disease", ",", "patient's", "'", "quoted", "'", "don't"}));
}

TEST(Tokenizer, DecimalBeforeUnitSplitsIntegerWithUnitDoesNot) {
  const auto doc = AnalyzeOk("98.6F 5mg 65yo 10.");
  EXPECT_EQ(Norms(doc), (V{"98.6", "f", "5mg", "65yo", "10", "."}));
}

TEST(Tokenizer, FoldsDiacriticsAndTypographicPunctuation) {
  EXPECT_EQ(TokenizeNorms("Sjögren–Larsson ÆSTHETIC façade µg"),
            (V{"sjogren", "-", "larsson", "aesthetic", "facade", "ug"}));
  EXPECT_EQ(TokenizeNorms("Straße Łódź"), (V{"strasse", "lodz"}));
}

TEST(Tokenizer, NonLatinLettersAreKeptAsWords) {
  EXPECT_EQ(TokenizeNorms("β-blocker 糖尿病"), (V{"β", "-", "blocker", "糖尿病"}));
}

TEST(Tokenizer, TokenizeNormsMatchesNoteTokenization) {
  const auto doc = AnalyzeOk("Type 2 diabetes mellitus w/o complications");
  EXPECT_EQ(Norms(doc), TokenizeNorms("type 2 DIABETES mellitus W/O complications"));
  EXPECT_EQ(TokenizeNorms("bad \xFF byte"), (V{"bad", "byte"}));
}

// Short ASCII tokens are lowered sixteen bytes at a time (reading past the token when the text
// allows): every norm must still be AppendNorm of the token's own bytes, whatever its length,
// its case, the bytes after it (including '@' and '[' beside 'A' and 'Z') and its distance from
// the end of the text.
TEST(Tokenizer, NormsAreAppendNormOfEachTokenAtEveryLengthAndOffset) {
  const std::string alphabet = "AbZ@[`{MzQ09";
  for (std::size_t len = 1; len <= 20; ++len) {
    std::string word;
    for (std::size_t i = 0; i < len; ++i) word += "AzMbZqYa"[i % 8];
    for (const std::string tail :
         {"", " @", "[x", "`Q{", " S\xC3\xA9zary", " \xC3\x89T\xC3\x89 ok"}) {
      for (std::size_t pad = 0; pad < 20; ++pad) {
        const std::string text = std::string(pad, ' ') + word + alphabet.substr(0, pad % 5) + tail;
        std::vector<Token> tokens;
        TokenizeRange(text, Span{0, static_cast<std::uint32_t>(text.size())}, 0, tokens);
        ASSERT_FALSE(tokens.empty());
        for (const Token& t : tokens) {
          std::string expected;
          AppendNorm(std::string_view(text).substr(t.span.begin, t.span.size()), expected);
          ASSERT_EQ(t.norm, expected) << "in \"" << text << "\"";
        }
      }
    }
  }
}

TEST(LightStem, StripsPluralsOnly) {
  std::string buf;
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"ulcers", "ulcer"},       {"fractures", "fracture"}, {"kidneys", "kidney"},
      {"diabetes", "diabetes"},  {"analysis", "analysis"},  {"arteries", "artery"},
      {"abscesses", "abscess"},  {"abscess", "abscess"},    {"diagnoses", "diagnosis"},
      {"stenoses", "stenosis"},  {"virus", "virus"},        {"viruses", "virus"},
      {"headaches", "headache"}, {"rashes", "rash"},        {"reflexes", "reflex"},
      {"vertebrae", "vertebra"}, {"crohn's", "crohn"},      {"feet", "foot"},
      {"aids", "aids"},          {"herpes", "herpes"},      {"pancreas", "pancreas"},
      {"doses", "dose"},         {"causes", "cause"},       {"gas", "gas"},
      {"ascites", "ascites"},    {"lungs", "lung"},         {"its", "its"},
      {"sepsis", "sepsis"},      {"diseases", "disease"},   {"series", "series"},
  };
  for (const auto& [word, stem] : cases) EXPECT_EQ(LightStem(word, buf), stem) << word;
}

TEST(LightStem, IsStableOnItsOutput) {
  std::string buf1;
  std::string buf2;
  for (const std::string_view word : {"ulcers", "arteries", "diagnoses", "kidneys", "rashes"}) {
    const std::string once(LightStem(word, buf1));
    EXPECT_EQ(LightStem(once, buf2), once) << word;
  }
}

TEST(TokenIndex, FindsTokensOverlappingASpan) {
  const std::string text = "Chest pain and acute MI today.";
  const auto doc = AnalyzeOk(text);
  const auto begin = static_cast<std::uint32_t>(text.find("acute"));
  const TokenRange range = TokensInSpan(doc, Span{begin, begin + 8});
  EXPECT_EQ(range.first, 3u);
  EXPECT_EQ(range.last, 5u);
  EXPECT_TRUE(TokensInSpan(doc, Span{5, 6}).empty());  // the space between "Chest" and "pain"
  EXPECT_EQ(TokenAt(doc, 7), std::optional<std::uint32_t>(1));
  EXPECT_EQ(TokenAt(doc, 5), std::nullopt);
  EXPECT_EQ(SentenceAt(doc, 0), std::optional<std::uint32_t>(0));
  EXPECT_EQ(SentenceAt(doc, 500), std::nullopt);
}

}  // namespace
}  // namespace notecoder::nlp
