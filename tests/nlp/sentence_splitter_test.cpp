// Sentence boundaries: abbreviations, decimals, lists, templates and wrapped lines.
#include <gtest/gtest.h>

#include "nlp_test_util.hpp"

namespace notecoder::nlp {
namespace {

using testing::AnalyzeOk;
using testing::SentenceTexts;
using V = std::vector<std::string>;

V Split(std::string_view text) { return SentenceTexts(AnalyzeOk(text)); }

TEST(Sentences, SplitsOnTerminalPunctuation) {
  EXPECT_EQ(Split("Chest pain started today. No fever! Any cough? Yes."),
            (V{"Chest pain started today.", "No fever!", "Any cough?", "Yes."}));
}

TEST(Sentences, SurvivesTitlesAndLatinAbbreviations) {
  EXPECT_EQ(Split("Seen by Dr. Smith and Mrs. Jones at St. Mary's. Pt. is stable."),
            (V{"Seen by Dr. Smith and Mrs. Jones at St. Mary's.", "Pt. is stable."}));
  EXPECT_EQ(Split("Takes NSAIDs, e.g. Ibuprofen, i.e. Advil. Pain approx. 5 days vs. 7."),
            (V{"Takes NSAIDs, e.g. Ibuprofen, i.e. Advil.", "Pain approx. 5 days vs. 7."}));
}

TEST(Sentences, SurvivesDosingAbbreviations) {
  EXPECT_EQ(Split("Metformin 500 mg. PO b.i.d. Lisinopril t.i.d. p.o. Denies pain."),
            (V{"Metformin 500 mg. PO b.i.d.", "Lisinopril t.i.d. p.o.", "Denies pain."}));
  EXPECT_EQ(Split("Aspirin q.d. x 5 days etc. Then stop."),
            (V{"Aspirin q.d. x 5 days etc.", "Then stop."}));
}

TEST(Sentences, SurvivesDecimalsInitialsAndNumbers) {
  EXPECT_EQ(Split("HbA1c 7.2 today. Seen by J. Smith. Room No. 5 is free."),
            (V{"HbA1c 7.2 today.", "Seen by J. Smith.", "Room No. 5 is free."}));
}

TEST(Sentences, LowerCaseAfterPeriodDoesNotSplit) {
  EXPECT_EQ(Split("Follow up w. cardiology in 2 wks. then repeat echo."),
            (V{"Follow up w. cardiology in 2 wks. then repeat echo."}));
}

TEST(Sentences, VitalsStayIntact) {
  EXPECT_EQ(Split("T 98.6 F, BP 120/80, HR 72, SpO2 98% on RA."),
            (V{"T 98.6 F, BP 120/80, HR 72, SpO2 98% on RA."}));
}

TEST(Sentences, ListItemsAreSentencesOfTheirOwn) {
  const auto doc = AnalyzeOk(
      "Problems include\n- HTN\n* DM2\n\xE2\x80\xA2 CKD\n1. CAD\n2) COPD\na) gout\n(3) obesity");
  EXPECT_EQ(SentenceTexts(doc),
            (V{"Problems include", "HTN", "DM2", "CKD", "CAD", "COPD", "gout", "obesity"}));
  EXPECT_FALSE(doc.sentences[0].list_item);
  for (std::size_t i = 1; i < doc.sentences.size(); ++i) EXPECT_TRUE(doc.sentences[i].list_item);
}

TEST(Sentences, WrappedListItemContinuesOnLowerCaseLine) {
  EXPECT_EQ(Split("- metformin 500 mg by mouth\n  twice daily with meals\n- lisinopril"),
            (V{"metformin 500 mg by mouth\n  twice daily with meals", "lisinopril"}));
}

TEST(Sentences, KeyValueTemplateLinesDoNotMerge) {
  const auto doc = AnalyzeOk("BP: 142/88 HR: 88\nweight stable\nNeuro: alert\noriented x3");
  EXPECT_EQ(SentenceTexts(doc),
            (V{"BP: 142/88 HR: 88", "weight stable", "Neuro: alert", "oriented x3"}));
  EXPECT_TRUE(doc.sentences[0].list_item);
  EXPECT_TRUE(doc.sentences[2].list_item);
}

TEST(Sentences, WrappedProseContinuesButCapitalisedLineStartsNew) {
  EXPECT_EQ(
      Split("The patient reports chest pain that\nradiates to the left arm\nShe also has cough"),
      (V{"The patient reports chest pain that\nradiates to the left arm", "She also has cough"}));
}

TEST(Sentences, LineEndingMidSentenceContinuesWhateverTheCase) {
  EXPECT_EQ(Split("Seen by Dr. Smith on\nMarch 10, 2024. Has HTN,\nDM and CKD."),
            (V{"Seen by Dr. Smith on\nMarch 10, 2024.", "Has HTN,\nDM and CKD."}));
}

TEST(Sentences, IndentedLineUnderListItemContinuesIt) {
  EXPECT_EQ(Split("1. Chest pain. Cannot exclude\n   GERD.\n2. HTN"),
            (V{"Chest pain.", "Cannot exclude\n   GERD.", "HTN"}));
}

TEST(Sentences, LineEndingWithPeriodIsNotContinued) {
  EXPECT_EQ(Split("Chest pain resolved.\nmild cough persists."),
            (V{"Chest pain resolved.", "mild cough persists."}));
}

TEST(Sentences, BlankLineHeaderAndListMarkerAlwaysBreak) {
  EXPECT_EQ(Split("pain in the\n\nleft arm"), (V{"pain in the", "left arm"}));
  EXPECT_EQ(Split("HPI: pain in the\nPlan: rest\n- ice packs"),
            (V{"pain in the", "rest", "ice packs"}));
}

TEST(Sentences, QuestionMarkAtStartDoesNotSplit) {
  EXPECT_EQ(Split("? pneumonia on CXR. Pneumonia? Will treat."),
            (V{"? pneumonia on CXR.", "Pneumonia?", "Will treat."}));
}

TEST(Sentences, InlineNumberedItemAfterHeader) {
  const auto doc = AnalyzeOk("Assessment/Plan: 1. Chest pain, likely GERD.\n2. HTN - continue.");
  EXPECT_EQ(SentenceTexts(doc), (V{"Chest pain, likely GERD.", "HTN - continue."}));
  EXPECT_TRUE(doc.sentences[0].list_item);
}

TEST(Sentences, CrLfAndLoneCarriageReturnBreakLines) {
  EXPECT_EQ(Split("Fever\r\nCough\rChills"), (V{"Fever", "Cough", "Chills"}));
}

}  // namespace
}  // namespace notecoder::nlp
