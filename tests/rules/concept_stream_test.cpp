// The concept stream reads most note words through a table built at start-up; every token must
// still get the key and id the word rules give (WordKeyView, then TermIndex::IdOf), whether the
// word was in that table or not.
#include "rules/concept_stream.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "nlp/analyzer.hpp"
#include "rules/term_index.hpp"
#include "rules/words.hpp"
#include "support/test_paths.hpp"

namespace notecoder::rules {
namespace {

class ConceptStreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto book = testing::SharedCodebook();
    if (!book) return;
    index_ = new TermIndex(book);
    stream_ = new ConceptStream(*index_);
  }
  static void TearDownTestSuite() {
    delete stream_;
    delete index_;
    stream_ = nullptr;
    index_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(stream_, nullptr) << "codebook snapshot missing"; }

  struct Read {
    nlp::Document doc;  // the tokens' keys may be views of its norms: filled in place
    std::vector<ConceptToken> tokens;
    KeyStorage storage;
  };
  static void Build(const nlp::Document& doc, Read& read) {
    std::vector<std::uint32_t> sentence_begin;
    stream_->Build(doc, read.tokens, sentence_begin, read.storage);
  }
  // Analyzes `note` (which must outlive `read`) and builds its stream.
  static void Stream(std::string_view note, Read& read) {
    auto doc = nlp::Analyze(note, {});
    ASSERT_TRUE(doc.ok());
    read.doc = std::move(*doc);
    Build(read.doc, read);
  }

  static TermIndex* index_;
  static ConceptStream* stream_;
};
TermIndex* ConceptStreamTest::index_ = nullptr;
ConceptStream* ConceptStreamTest::stream_ = nullptr;

TEST_F(ConceptStreamTest, EveryWordGetsTheKeyAndIdOfTheWordRules) {
  // Known words, plurals (regular, -ies, -es), possessives, organ adjectives, acronyms in
  // capitals, unknown words with and without a plural ending, numbers and case variants.
  const std::string note =
      "Kidneys and arteries with abscesses; patient's Charcot's joints. Esophageal varices, "
      "HEPATIC steatosis and hepatic cysts. ULCERS of both feet, zorblaxes, zorblax and "
      "Glomps. Fractures of ribs x3 on 2024-01-05, wheezes, sinuses, diabetes, pneumonias.";
  auto doc = nlp::Analyze(note, {});
  ASSERT_TRUE(doc.ok());
  Read read;
  Build(*doc, read);
  std::size_t checked = 0;
  for (const ConceptToken& t : read.tokens) {
    if (t.expanded || t.src_last != t.src_first + 1) continue;
    const nlp::Token& tok = doc->tokens[t.src_first];
    const std::string_view text = std::string_view(note).substr(tok.span.begin, tok.span.size());
    bool upper = false;
    bool lower = false;
    for (const char c : text) {
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    std::deque<std::string> storage;
    const std::string_view key = WordKeyView(tok.norm, upper && !lower && text.size() > 1, storage);
    EXPECT_EQ(t.key, key) << text;
    EXPECT_EQ(t.id, index_->IdOf(key)) << text;
    ++checked;
  }
  EXPECT_GT(checked, 30u);
}

TEST_F(ConceptStreamTest, PluralsOfIndexWordsReadAsTheWord) {
  Read read;
  Stream("kidneys arteries ulcers", read);
  ASSERT_EQ(read.tokens.size(), 3u);
  EXPECT_EQ(read.tokens[0].key, "kidney");
  EXPECT_EQ(read.tokens[1].key, "artery");
  EXPECT_EQ(read.tokens[2].key, "ulcer");
  for (const auto& t : read.tokens) EXPECT_NE(t.id, kUnknownWord) << t.key;
}

TEST_F(ConceptStreamTest, AcronymsAreReadAsWrittenAndExpanded) {
  Read read;
  Stream("HTN and CKD 3b. COPD exacerbation.", read);
  std::string keys;
  for (const auto& t : read.tokens) {
    keys += std::string(t.key) + " ";
    EXPECT_EQ(t.id, index_->IdOf(t.key)) << t.key;
  }
  EXPECT_NE(keys.find("hypertension"), std::string::npos) << keys;
  EXPECT_NE(keys.find("chronic kidney disease stage 3b"), std::string::npos) << keys;
  EXPECT_NE(keys.find("chronic obstructive pulmonary disease"), std::string::npos) << keys;
}

TEST_F(ConceptStreamTest, UnknownWordsHaveNoId) {
  Read read;
  Stream("zorblax zorblaxes", read);
  ASSERT_EQ(read.tokens.size(), 2u);
  EXPECT_EQ(read.tokens[0].id, kUnknownWord);
  EXPECT_EQ(read.tokens[1].key, "zorblaxe");
  EXPECT_EQ(read.tokens[1].id, kUnknownWord);
}

TEST_F(ConceptStreamTest, SpellingsShareTheVocabularyButAreNoWords) {
  // The stream added "kidneys" to the vocabulary's table as a spelling of "kidney".
  EXPECT_NE(index_->IdOf("kidney"), kUnknownWord);
  EXPECT_EQ(index_->IdOf("kidneys"), kUnknownWord);
  EXPECT_EQ(index_->IdOf(std::string("kidneys")), kUnknownWord);
  EXPECT_NE(index_->Entry(std::string("kidneys")) & TermIndex::kSpelling, 0u);
  std::size_t words = 0;
  index_->ForEachWord([&](std::string_view, std::uint32_t id) {
    EXPECT_EQ(id & TermIndex::kSpelling, 0u);
    ++words;
  });
  EXPECT_EQ(words, index_->VocabularySize());
}

}  // namespace
}  // namespace notecoder::rules
