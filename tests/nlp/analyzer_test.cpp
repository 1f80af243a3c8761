// Analyze(): input validation, offsets into the original text, and robustness on large input.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "nlp/analyzer.hpp"
#include "nlp_test_util.hpp"

namespace notecoder::nlp {
namespace {

using testing::AnalyzeOk;
using testing::TextOf;

void ExpectError(std::string_view text, ErrorCode code, std::string_view message_part) {
  const auto result = Analyze(text);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, code);
  EXPECT_NE(result.error().message.find(message_part), std::string::npos) << result.error().message;
}

TEST(AnalyzeInput, RejectsEmptyNote) { ExpectError("", ErrorCode::kInvalidArgument, "empty"); }

TEST(AnalyzeInput, RejectsWhitespaceOnlyNote) {
  ExpectError(" \t\r\n \n", ErrorCode::kInvalidArgument, "whitespace");
  ExpectError("\x01\x02\x1b \x7f\n", ErrorCode::kInvalidArgument, "whitespace");
  ExpectError("\xC2\xA0\xE2\x80\x83", ErrorCode::kInvalidArgument, "whitespace");  // NBSP, em space
}

TEST(AnalyzeInput, RejectsInvalidUtf8AndSaysWhere) {
  ExpectError("chest pain \xFF here", ErrorCode::kInvalidArgument, "byte offset 11");
  ExpectError("abc\xC3", ErrorCode::kInvalidArgument, "byte offset 3");        // truncated
  ExpectError("ab\xC0\xAF", ErrorCode::kInvalidArgument, "byte offset 2");     // overlong
  ExpectError("a\xED\xA0\x80", ErrorCode::kInvalidArgument, "byte offset 1");  // surrogate
}

TEST(AnalyzeInput, RejectsNulBytesAsBinaryData) {
  const std::string text("fever\0cough", 11);
  ExpectError(text, ErrorCode::kInvalidArgument, "binary data");
}

TEST(AnalyzeInput, RejectsOversizedNoteWithResourceExhausted) {
  const std::string text(2000, 'a');
  const auto result = Analyze(text, AnalyzeLimits{1000});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kResourceExhausted);
}

TEST(AnalyzeInput, ErrorMessagesNeverContainNoteText) {
  const std::string secret = "SECRETNAME";
  for (const std::string& text : {secret + " \xFF", secret + std::string(1, '\0'), secret}) {
    const auto result = Analyze(text, AnalyzeLimits{5});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message.find("SECRET"), std::string::npos);
  }
  const auto bad = Analyze(secret + " \xFF");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.find("SECRET"), std::string::npos);
}

TEST(AnalyzeInput, ControlCharactersActAsSpaces) {
  const auto doc = AnalyzeOk("chest\x01pain\x1b and\tfever\x7f.");
  EXPECT_EQ(testing::Norms(doc), (std::vector<std::string>{"chest", "pain", "and", "fever", "."}));
}

TEST(AnalyzeOffsets, TokensPointIntoOriginalTextWithDiacritics) {
  const std::string text = "Sézary syndrome and Ménière’s disease; naïve T-cells.";
  const auto doc = AnalyzeOk(text);
  ASSERT_GE(doc.tokens.size(), 6u);
  EXPECT_EQ(TextOf(doc, doc.tokens[0].span), "Sézary");
  EXPECT_EQ(doc.tokens[0].norm, "sezary");
  EXPECT_EQ(TextOf(doc, doc.tokens[3].span), "Ménière’s");
  EXPECT_EQ(doc.tokens[3].norm, "meniere's");
  for (const Token& t : doc.tokens) {
    ASSERT_LE(t.span.end, text.size());
    EXPECT_FALSE(t.span.empty());
  }
}

TEST(AnalyzeOffsets, CrLfNotesKeepExactOffsets) {
  const std::string text = "CC: cough\r\nHPI: Fever for 3 days.\r\nDenies chills.\r\n";
  const auto doc = AnalyzeOk(text);
  ASSERT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(TextOf(doc, doc.sentences[1].span), "Fever for 3 days.");
  EXPECT_EQ(TextOf(doc, doc.sentences[2].span), "Denies chills.");
  for (const Token& t : doc.tokens) {
    const std::string piece = TextOf(doc, t.span);
    EXPECT_EQ(piece.find('\r'), std::string::npos);
    EXPECT_EQ(piece.find('\n'), std::string::npos);
  }
}

TEST(AnalyzeOffsets, SentenceTokenRangesAreContiguousAndInsideSentences) {
  const auto doc = AnalyzeOk("HPI: He has cough. No fever!\nPlan: CXR? Follow up.");
  ASSERT_EQ(doc.sentence_token_begin.size(), doc.sentences.size());
  ASSERT_EQ(doc.sentence_token_end.size(), doc.sentences.size());
  std::uint32_t expected_begin = 0;
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    EXPECT_EQ(doc.sentence_token_begin[s], expected_begin);
    EXPECT_LT(doc.sentence_token_begin[s], doc.sentence_token_end[s]);
    for (std::uint32_t i = doc.sentence_token_begin[s]; i < doc.sentence_token_end[s]; ++i) {
      EXPECT_EQ(doc.tokens[i].sentence, s);
      EXPECT_TRUE(doc.sentences[s].span.Contains(doc.tokens[i].span));
    }
    expected_begin = doc.sentence_token_end[s];
  }
  EXPECT_EQ(expected_begin, doc.tokens.size());
}

// A guard against a quadratic blow-up, not a speed test: about 50x what either case below takes
// (60 ms in RelWithDebInfo); a quadratic pass over 500 000 tokens would take minutes. The speed
// itself is nlp_bench's (BENCHMARKS.md).
constexpr auto kBlowUpGuard = std::chrono::seconds(3);

TEST(AnalyzeScale, FiveMegabyteNoteIsAnalyzed) {
  std::string text;
  const std::string block =
      "HPI: 65 yo M with chest pain. Denies fever, chills.\nPMH:\n- HTN\n- DM2\n"
      "Plan: ECG, troponin; follow up in 2 weeks.\n\n";
  while (text.size() < (5u << 20)) text += block;
  const auto start = std::chrono::steady_clock::now();
  const auto result = Analyze(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(result.ok());
  EXPECT_GT(result->tokens.size(), 500'000u);
  EXPECT_LT(elapsed, kBlowUpGuard);
}

TEST(AnalyzeScale, SingleHundredKilobyteLineIsLinear) {
  std::string text;
  while (text.size() < 100'000) text += "no fever and chills with cough 7.2 mg, ";
  const auto start = std::chrono::steady_clock::now();
  const auto doc = AnalyzeOk(text);
  // Assess every token: the scope window keeps this linear in the sentence length.
  for (std::uint32_t i = 0; i < doc.tokens.size(); ++i) (void)Assess(doc, i, i + 1);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(doc.sentences.size(), 1u);
  EXPECT_LT(elapsed, kBlowUpGuard);
}

TEST(AnalyzeScale, PathologicalInputsDoNotCrash) {
  for (const std::string& text :
       {std::string(100'000, '.'), std::string(100'000, '-'), std::string(50'000, '\n') + "x",
        std::string(30'000, ':'), std::string(100'000, '?'), std::string("\xE2\x80\xA2 ") + "a",
        std::string(20'000, 'A') + ":", std::string("1.\n2)\na)\n-\n*"), std::string("'s'"),
        std::string("\xE2\x80\x99\xE2\x80\x99"), std::string("HPI:"), std::string("PLAN")}) {
    const auto result = Analyze(text);
    if (!result.ok()) continue;
    for (const Token& t : result->tokens) ASSERT_LE(t.span.end, text.size());
  }
}

TEST(AnalyzeScale, HeaderOnlyNoteHasSectionsButNoTokensIsRejected) {
  // A note that is only a header has a token ("HPI") in no sentence: it is refused as empty.
  const auto result = Analyze("HPI:\n\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace notecoder::nlp
