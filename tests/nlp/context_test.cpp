// ConText assertions: one test per trigger category and direction, scope, pseudo-triggers,
// precedence and section defaults.
#include <gtest/gtest.h>

#include "nlp/context_triggers.hpp"
#include "nlp_test_util.hpp"

namespace notecoder::nlp {
namespace {

using testing::AnalyzeOk;
using testing::AssertionOf;
using testing::AssessIn;
using testing::TextOf;

TEST(ContextNegation, ForwardTriggers) {
  EXPECT_EQ(AssertionOf("No chest pain.", "chest pain"), "negated");
  EXPECT_EQ(AssertionOf("Patient denies dysuria.", "dysuria"), "negated");
  EXPECT_EQ(AssertionOf("Abdomen soft without tenderness.", "tenderness"), "negated");
  EXPECT_EQ(AssertionOf("Negative for fever.", "fever"), "negated");
  EXPECT_EQ(AssertionOf("CT shows no evidence of pulmonary embolism.", "pulmonary embolism"),
            "negated");
  EXPECT_EQ(AssertionOf("Free of seizures since May.", "seizures"), "negated");
  EXPECT_EQ(AssertionOf("She does not have diabetes.", "diabetes"), "negated");
  EXPECT_EQ(AssertionOf("NKDA. No known drug allergies.", "drug allergies"), "negated");
}

TEST(ContextNegation, BackwardTriggers) {
  EXPECT_EQ(AssertionOf("PE was ruled out.", "pe"), "negated");
  EXPECT_EQ(AssertionOf("Pulmonary embolism is ruled out by CTA.", "pulmonary embolism"),
            "negated");
  EXPECT_EQ(AssertionOf("Strep test was negative.", "strep"), "negated");
  EXPECT_EQ(AssertionOf("Pneumothorax not seen.", "pneumothorax"), "negated");
  EXPECT_EQ(AssertionOf("Pedal pulses absent.", "pedal pulses"), "negated");
  EXPECT_EQ(AssertionOf("Pneumonia unlikely given clear CXR.", "pneumonia"), "negated");
}

TEST(ContextNegation, ReturnsTheTriggerSpan) {
  const auto doc = AnalyzeOk("Patient denies any chest pain.");
  const AssertionResult r = AssessIn(doc, "chest pain");
  ASSERT_TRUE(r.trigger.has_value());
  EXPECT_EQ(TextOf(doc, *r.trigger), "denies");
  EXPECT_FALSE(r.from_section);
}

TEST(ContextNegation, ListsAreNegatedToTheEnd) {
  const std::string text = "Denies chest pain, shortness of breath, palpitations, or fever.";
  EXPECT_EQ(AssertionOf(text, "chest pain"), "negated");
  EXPECT_EQ(AssertionOf(text, "shortness of breath"), "negated");
  EXPECT_EQ(AssertionOf(text, "fever"), "negated");
  const std::string ros =
      "Negative for: fever, chills, night sweats, weight loss, nausea, vomiting, "
      "abdominal pain, diarrhea, constipation, dysuria or hematuria.";
  EXPECT_EQ(AssertionOf(ros, "hematuria"), "negated");
}

TEST(ContextNegation, ScopeIsCappedOnRunOnText) {
  std::string text = "No fever";
  for (int i = 0; i < 40; ++i) text += " and walking";
  text += " with cough.";
  EXPECT_EQ(AssertionOf(text, "cough"), "present");
}

TEST(ContextScope, TerminatorsEndTheScope) {
  EXPECT_EQ(AssertionOf("No fever but has a productive cough.", "cough"), "present");
  EXPECT_EQ(AssertionOf("Denies chest pain; reports dyspnea.", "dyspnea"), "present");
  EXPECT_EQ(AssertionOf("No rash, however pruritus persists.", "pruritus"), "present");
  EXPECT_EQ(AssertionOf("No edema although leg pain noted.", "leg pain"), "present");
  EXPECT_EQ(AssertionOf("No complaints except headache.", "headache"), "present");
  EXPECT_EQ(AssertionOf("Negative for fever, positive for cough.", "cough"), "present");
  EXPECT_EQ(AssertionOf("No dyspnea secondary to anemia.", "anemia"), "present");
  EXPECT_EQ(AssertionOf("Lungs: no wheezes. Cardiac: no murmur, Abd: tenderness.", "tenderness"),
            "present");
}

TEST(ContextScope, TriggersDoNotCrossSentences) {
  EXPECT_EQ(AssertionOf("No fever. Cough for two days.", "cough"), "present");
  EXPECT_EQ(AssertionOf("Cough for two days. PE was ruled out.", "cough"), "present");
}

TEST(ContextPseudo, PseudoTriggersDoNotNegate) {
  EXPECT_EQ(AssertionOf("No increase in pleural effusion.", "pleural effusion"), "present");
  EXPECT_EQ(AssertionOf("No change in her hypothyroidism.", "hypothyroidism"), "present");
  EXPECT_EQ(AssertionOf("No significant change in the mass.", "mass"), "present");
  EXPECT_EQ(AssertionOf("Not only dyspnea but also cough.", "dyspnea"), "present");
  EXPECT_EQ(AssertionOf("Not necessarily asthma.", "asthma"), "present");
  EXPECT_EQ(AssertionOf("Gram negative bacteremia.", "bacteremia"), "present");
  EXPECT_EQ(AssertionOf("Gram-negative rods in sepsis.", "sepsis"), "present");
  EXPECT_EQ(AssertionOf("No further episodes of syncope.", "syncope"), "present");
  EXPECT_EQ(AssertionOf("Ambulates without difficulty despite arthritis.", "arthritis"), "present");
  EXPECT_EQ(AssertionOf("History and physical confirms asthma.", "asthma"), "present");
  EXPECT_EQ(AssertionOf("Pneumonia did not cause sepsis.", "pneumonia"), "present");
  EXPECT_EQ(AssertionOf("Over the past 3 days cough worsened.", "cough"), "present");
  EXPECT_EQ(AssertionOf("Fever in the past 24 hours.", "fever"), "present");
  EXPECT_EQ(AssertionOf("Prior to admission chest pain began.", "chest pain"), "present");
}

TEST(ContextPossible, ForwardAndBackwardTriggers) {
  EXPECT_EQ(AssertionOf("Possible pneumonia.", "pneumonia"), "possible");
  EXPECT_EQ(AssertionOf("Probable UTI.", "uti"), "possible");
  EXPECT_EQ(AssertionOf("Suspected appendicitis.", "appendicitis"), "possible");
  EXPECT_EQ(AssertionOf("Concern for sepsis.", "sepsis"), "possible");
  EXPECT_EQ(AssertionOf("Questionable fracture of the radius.", "fracture"), "possible");
  EXPECT_EQ(AssertionOf("Rule out myocardial infarction.", "myocardial infarction"), "possible");
  EXPECT_EQ(AssertionOf("Admit to r/o MI.", "mi"), "possible");
  EXPECT_EQ(AssertionOf("Malignancy cannot be excluded.", "malignancy"), "possible");
  EXPECT_EQ(AssertionOf("DVT has not been ruled out.", "dvt"), "possible");
  EXPECT_EQ(AssertionOf("Findings consistent with cellulitis.", "cellulitis"), "possible");
  EXPECT_EQ(AssertionOf("Pneumonia is likely.", "pneumonia"), "possible");
}

TEST(ContextPossible, LikelyCountsAsPossible) {
  EXPECT_EQ(AssertionOf("Likely viral gastroenteritis.", "gastroenteritis"), "possible");
}

TEST(ContextPossible, VersusAndQuestionMark) {
  const std::string text = "Pneumonia vs atelectasis on CXR.";
  EXPECT_EQ(AssertionOf(text, "pneumonia"), "possible");
  EXPECT_EQ(AssertionOf(text, "atelectasis"), "possible");
  EXPECT_EQ(AssertionOf("?Pneumonia on film.", "pneumonia"), "possible");
  EXPECT_EQ(AssertionOf("Bronchitis?", "bronchitis"), "possible");
}

TEST(ContextHypothetical, ForwardTriggers) {
  EXPECT_EQ(AssertionOf("Return if chest pain recurs.", "chest pain"), "hypothetical");
  EXPECT_EQ(AssertionOf("Should she develop fever, call us.", "fever"), "hypothetical");
  EXPECT_EQ(AssertionOf("In case of bleeding, stop warfarin.", "bleeding"), "hypothetical");
  EXPECT_EQ(AssertionOf("At risk for falls.", "falls"), "hypothetical");
  EXPECT_EQ(AssertionOf("Aspirin to prevent stroke.", "stroke"), "hypothetical");
  EXPECT_EQ(AssertionOf("Colonoscopy for screening for colon cancer.", "colon cancer"),
            "hypothetical");
}

TEST(ContextHypothetical, ScopeIsShort) {
  EXPECT_EQ(AssertionOf("If symptoms worsen she will come back, meanwhile continue metformin for "
                        "her type 2 diabetes.",
                        "diabetes"),
            "present");
  EXPECT_EQ(AssertionOf("If needed, add insulin for diabetes.", "diabetes"), "present");
}

TEST(ContextHistorical, ForwardAndBackwardTriggers) {
  EXPECT_EQ(AssertionOf("History of stroke.", "stroke"), "historical");
  EXPECT_EQ(AssertionOf("H/o DVT in 2019.", "dvt"), "historical");
  EXPECT_EQ(AssertionOf("Hx of MI.", "mi"), "historical");
  EXPECT_EQ(AssertionOf("S/p appendectomy.", "appendectomy"), "historical");
  EXPECT_EQ(AssertionOf("Status post cholecystectomy.", "cholecystectomy"), "historical");
  EXPECT_EQ(AssertionOf("Prior TIA.", "tia"), "historical");
  EXPECT_EQ(AssertionOf("Remote peptic ulcer.", "peptic ulcer"), "historical");
  EXPECT_EQ(AssertionOf("Childhood asthma.", "asthma"), "historical");
  EXPECT_EQ(AssertionOf("Pneumonia has resolved.", "pneumonia"), "historical");
  EXPECT_EQ(AssertionOf("No longer has migraines.", "migraines"), "historical");
}

TEST(ContextHistorical, RemissionStaysPresent) {
  EXPECT_EQ(AssertionOf("Acute myeloid leukemia in remission.", "acute myeloid leukemia"),
            "present");
}

TEST(ContextHistorical, TriggerInsideTheMentionIsIgnored) {
  const auto doc = AnalyzeOk("Patient has a history of falls.");
  EXPECT_EQ(Assess(doc, 3, 6).assertion, Assertion::kPresent);  // "history of falls" itself
}

TEST(ContextFamily, KinWordsBothDirections) {
  EXPECT_EQ(AssertionOf("HPI: Mother with breast cancer.", "breast cancer"), "family");
  EXPECT_EQ(AssertionOf("Breast cancer in her sister.", "breast cancer"), "family");
  EXPECT_EQ(AssertionOf("Father's MI at age 50.", "mi"), "family");
  EXPECT_EQ(AssertionOf("Family history of colon cancer.", "colon cancer"), "family");
  EXPECT_EQ(AssertionOf("FHx colon cancer.", "colon cancer"), "family");
  EXPECT_EQ(AssertionOf("Paternal grandfather with Parkinson disease.", "parkinson disease"),
            "family");
}

TEST(ContextFamily, CompanionsAreNotTheExperiencer) {
  EXPECT_EQ(AssertionOf("Lives with his wife and has COPD.", "copd"), "present");
  EXPECT_EQ(AssertionOf("Accompanied by daughter; has dementia.", "dementia"), "present");
}

TEST(ContextFamily, SectionNameIsNotATrigger) {
  EXPECT_EQ(AssertionOf("Social history and family history reviewed, asthma noted.", "asthma"),
            "present");
}

TEST(ContextPrecedence, NegationWinsOverOtherCategories) {
  EXPECT_EQ(AssertionOf("Patient denies family history of colon cancer.", "colon cancer"),
            "negated");
  EXPECT_EQ(AssertionOf("No history of stroke.", "stroke"), "negated");
  EXPECT_EQ(AssertionOf("No possible fracture.", "fracture"), "negated");
}

TEST(ContextPrecedence, FamilyWinsOverHistoricalAndPossible) {
  EXPECT_EQ(AssertionOf("Mother with history of possible lupus.", "lupus"), "family");
}

TEST(ContextSection, FamilyHistoryDefault) {
  const auto doc = AnalyzeOk("Family History:\nColon cancer.\nDiabetes, possible.\n");
  const AssertionResult r = AssessIn(doc, "colon cancer");
  EXPECT_EQ(r.assertion, Assertion::kFamily);
  EXPECT_TRUE(r.from_section);
  EXPECT_FALSE(r.trigger.has_value());
  EXPECT_EQ(AssessIn(doc, "diabetes").assertion, Assertion::kFamily);
}

TEST(ContextSection, NegationInsideFamilyHistoryStillNegates) {
  const auto doc = AnalyzeOk("FH: No colon cancer.");
  const AssertionResult r = AssessIn(doc, "colon cancer");
  EXPECT_EQ(r.assertion, Assertion::kNegated);
  EXPECT_FALSE(r.from_section);
}

TEST(ContextSection, PastMedicalAndSurgicalHistoryDefaultToHistorical) {
  const auto doc = AnalyzeOk("PMH:\n- HTN\nPast Surgical History: appendectomy\nPlan: HTN\n");
  const AssertionResult pmh = Assess(doc, 0, 1);
  EXPECT_EQ(pmh.assertion, Assertion::kHistorical);
  EXPECT_TRUE(pmh.from_section);
  EXPECT_EQ(AssessIn(doc, "appendectomy").assertion, Assertion::kHistorical);
  EXPECT_EQ(AssessIn(doc, "htn").assertion, Assertion::kPresent);  // the Plan mention
}

TEST(ContextSection, TriggerBeatsPastHistoryDefault) {
  EXPECT_EQ(AssertionOf("PMH: possible sleep apnea", "sleep apnea"), "possible");
  EXPECT_EQ(AssertionOf("PMH: denies asthma", "asthma"), "negated");
}

TEST(ContextSection, OtherSectionsDefaultToPresent) {
  const auto doc = AnalyzeOk("Assessment: pneumonia");
  const AssertionResult r = AssessIn(doc, "pneumonia");
  EXPECT_EQ(r.assertion, Assertion::kPresent);
  EXPECT_FALSE(r.from_section);
}

TEST(ContextApi, AssessSpanAndBadRanges) {
  const std::string text = "No fever today.";
  const auto doc = AnalyzeOk(text);
  EXPECT_EQ(AssessSpan(doc, Span{3, 8}).assertion, Assertion::kNegated);
  EXPECT_EQ(Assess(doc, 2, 2).assertion, Assertion::kPresent);
  EXPECT_EQ(Assess(doc, 1, 999).assertion, Assertion::kPresent);
  EXPECT_STREQ(AssertionName(Assertion::kHypothetical), "hypothetical");
}

TEST(ContextLexicon, IsBuiltOnceWithEveryRuleTokenized) {
  const TriggerLexicon& lexicon = TriggerLexicon::Default();
  EXPECT_EQ(&lexicon, &TriggerLexicon::Default());
  EXPECT_GT(lexicon.size(), 300u);
}

}  // namespace
}  // namespace notecoder::nlp
