// Scenario tests of the rules engine on the real FY2026 code set: each states what a coder
// would assign, and what must not be coded.
#include "rules/rules_engine.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "support/test_paths.hpp"

namespace notecoder::rules {
namespace {

using ::testing::Contains;
using ::testing::Not;

class RulesEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto book = testing::SharedCodebook();
    if (book) engine_ = new RulesEngine(book);
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(engine_, nullptr) << "codebook snapshot missing"; }

  RulesResult Run(std::string_view note) {
    auto r = engine_->Code(note);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : RulesResult{};
  }
  static std::vector<std::string> Codes(const RulesResult& r) {
    std::vector<std::string> v;
    for (const auto& c : r.codes) v.push_back(c.code);
    return v;
  }
  static std::vector<std::string> ExcludedReasons(const RulesResult& r, std::string_view note,
                                                  std::string_view text) {
    std::vector<std::string> v;
    for (const auto& e : r.excluded) {
      if (note.substr(e.span.begin, e.span.size()).find(text) != std::string_view::npos)
        v.push_back(e.reason);
    }
    return v;
  }

  static RulesEngine* engine_;
};

RulesEngine* RulesEngineTest::engine_ = nullptr;

TEST_F(RulesEngineTest, DiabetesWithCkdGivesCombinationAndStage) {
  const auto r = Run("Assessment: Type 2 diabetes mellitus with stage 3b chronic kidney disease.");
  EXPECT_THAT(Codes(r), Contains("E11.22"));
  EXPECT_THAT(Codes(r), Contains("N18.32"));
  EXPECT_THAT(Codes(r), Not(Contains("E11.9")));
}

TEST_F(RulesEngineTest, AbbreviationsExpand) {
  const auto r = Run("A/P:\n1. T2DM with CKD 3b\n2. Paroxysmal AFib\n");
  EXPECT_THAT(Codes(r), Contains("E11.22"));
  EXPECT_THAT(Codes(r), Contains("N18.32"));
  EXPECT_THAT(Codes(r), Contains("I48.0"));
}

TEST_F(RulesEngineTest, HeartFailureSpecificity) {
  const auto r = Run("Impression: acute on chronic systolic heart failure.");
  EXPECT_THAT(Codes(r), Contains("I50.23"));
}

TEST_F(RulesEngineTest, NegatedMentionIsExcludedNotCoded) {
  const std::string note = "HPI: 60 year old man with cough. He denies chest pain or fever.";
  const auto r = Run(note);
  EXPECT_THAT(Codes(r), Not(Contains("R07.9")));
  EXPECT_THAT(ExcludedReasons(r, note, "chest pain"), Contains("negated"));
}

TEST_F(RulesEngineTest, FamilyHistoryIsNotThePatients) {
  const std::string note =
      "Family History: Mother with breast cancer. Father had a myocardial infarction.";
  const auto r = Run(note);
  for (const auto& c : Codes(r)) {
    EXPECT_FALSE(c.starts_with("C50")) << c;
    EXPECT_FALSE(c.starts_with("I21")) << c;
  }
  EXPECT_THAT(ExcludedReasons(r, note, "infarction"), Contains("family"));
}

TEST_F(RulesEngineTest, ChronicConditionsInPastHistoryStayCurrent) {
  const auto r = Run("Past Medical History: hypertension, hyperlipidemia, hypothyroidism.");
  EXPECT_THAT(Codes(r), Contains("I10"));
  EXPECT_THAT(Codes(r), Contains("E78.5"));
  EXPECT_THAT(Codes(r), Contains("E03.9"));
}

TEST_F(RulesEngineTest, ResolvedConditionBecomesPersonalHistory) {
  const std::string note = "HPI: history of DVT in 2015, completed anticoagulation.";
  const auto r = Run(note);
  EXPECT_THAT(Codes(r), Contains("Z86.718"));
  for (const auto& c : Codes(r)) EXPECT_FALSE(c.starts_with("I82")) << c;
  EXPECT_THAT(ExcludedReasons(r, note, "DVT"), Contains("historical"));
}

TEST_F(RulesEngineTest, HypertensionWithCkdIsPresumedLinked) {
  const auto r = Run("Assessment:\n1. Hypertension.\n2. CKD stage 3a.\n");
  EXPECT_THAT(Codes(r), Contains("I12.9"));
  EXPECT_THAT(Codes(r), Contains("N18.31"));
  EXPECT_THAT(Codes(r), Not(Contains("I10")));
}

TEST_F(RulesEngineTest, PhysicalExamHeaderIsNotPulmonaryEmbolism) {
  const auto r = Run("PE: lungs clear to auscultation, regular rate and rhythm.");
  for (const auto& c : Codes(r)) EXPECT_FALSE(c.starts_with("I26")) << c;
}

TEST_F(RulesEngineTest, UncertainAndHypotheticalAreExcluded) {
  const std::string note = "Assessment: possible pneumonia. Return if you develop a fever.";
  const auto r = Run(note);
  for (const auto& c : Codes(r)) {
    EXPECT_FALSE(c.starts_with("J18")) << c;
    EXPECT_FALSE(c.starts_with("R50")) << c;
  }
  EXPECT_THAT(ExcludedReasons(r, note, "pneumonia"), Contains("uncertain"));
  EXPECT_THAT(ExcludedReasons(r, note, "fever"), Contains("hypothetical"));
}

TEST_F(RulesEngineTest, EvidencePointsIntoTheNote) {
  const std::string note = "CC: chest pain\nAssessment: COPD with acute exacerbation.";
  const auto r = Run(note);
  ASSERT_FALSE(r.codes.empty());
  for (const auto& c : r.codes) {
    ASSERT_FALSE(c.evidence.empty()) << c.code;
    for (const auto& s : c.evidence) {
      ASSERT_LE(s.end, note.size());
      ASSERT_LT(s.begin, s.end);
    }
  }
  EXPECT_THAT(Codes(r), Contains("J44.1"));
}

TEST_F(RulesEngineTest, EveryCodeIsBillable) {
  const auto r = Run("Hip fracture after a fall. Diabetes. Heart failure. Pneumonia. Anemia.");
  const auto& book = engine_->book();
  for (const auto& c : r.codes) {
    const auto id = book.Find(c.code);
    ASSERT_TRUE(id.has_value()) << c.code;
    EXPECT_TRUE(book.IsBillable(*id)) << c.code;
  }
}

TEST_F(RulesEngineTest, ParenthesisEndsANegation) {
  const auto r =
      Run("PMH: DM2 with diabetic retinopathy (no macular edema), HTN, GERD, osteoporosis.");
  EXPECT_THAT(Codes(r), Contains("I10"));
  EXPECT_THAT(Codes(r), Contains("K21.9"));
  EXPECT_THAT(Codes(r), Contains("M81.0"));
}

TEST_F(RulesEngineTest, EveryConditionUnderOneWithIsCoded) {
  const auto r = Run("Assessment: Community-acquired pneumonia with acute exacerbation of COPD.");
  EXPECT_THAT(Codes(r), Contains("J44.0"));  // COPD with acute lower respiratory infection
  EXPECT_THAT(Codes(r), Contains("J44.1"));  // COPD with exacerbation
  EXPECT_THAT(Codes(r), Contains("J18.9"));  // "code also" the infection
}

TEST_F(RulesEngineTest, OfficialTitleWordingIsCodedExactly) {
  const auto r =
      Run("Assessment: 1. Malignant neoplasm of upper-outer quadrant of left female breast.");
  EXPECT_THAT(Codes(r), Contains("C50.412"));
}

TEST_F(RulesEngineTest, LateralityAndAbsenceChooseTheSeventhCharacter) {
  const auto r =
      Run("A/P: Type 2 diabetes mellitus with mild nonproliferative diabetic retinopathy without "
          "macular "
          "edema, bilateral.");
  EXPECT_THAT(Codes(r), Contains("E11.3293"));
}

TEST_F(RulesEngineTest, AcuteConditionDatedInAnEarlierYearIsHistory) {
  const auto r = Run("HPI: 77 y/o F with HTN and a TIA in 2021. Seen 09/10/2025.");
  EXPECT_THAT(Codes(r), Contains("Z86.73"));
  EXPECT_THAT(Codes(r), Not(Contains("G45.9")));
  EXPECT_THAT(Codes(r), Contains("I10"));
}

TEST_F(RulesEngineTest, StatusCodesFromMedicationsBmiAndVaccines) {
  const auto r = Run(
      "Meds: apixaban 5 mg BID, metformin 1000 mg BID, albuterol PRN, prednisone taper x 5 days.\n"
      "Vitals: BMI 34.2\n"
      "Assessment: Obesity. Paroxysmal atrial fibrillation. Type 2 diabetes.\n"
      "Plan: influenza vaccine administered today.");
  EXPECT_THAT(Codes(r), Contains("Z79.01"));
  EXPECT_THAT(Codes(r), Contains("Z79.84"));
  EXPECT_THAT(Codes(r), Not(Contains("Z79.52")));  // a taper is not long-term therapy
  EXPECT_THAT(Codes(r), Contains("Z68.34"));
  EXPECT_THAT(Codes(r), Contains("Z23"));
}

TEST_F(RulesEngineTest, PastProceduresGiveStatusCodesButPlannedOnesDoNot) {
  const auto r =
      Run("HPI: 69 y/o F before elective right TKA.\nPSH: L TKA 2021.\n"
          "PMH: CAD s/p CABG 2016. Brother s/p kidney transplant.");
  EXPECT_THAT(Codes(r), Contains("Z96.652"));       // left artificial knee
  EXPECT_THAT(Codes(r), Not(Contains("Z96.651")));  // the right one is only planned
  EXPECT_THAT(Codes(r), Contains("Z95.1"));
  EXPECT_THAT(Codes(r), Not(Contains("Z94.0")));  // the brother's
}

TEST_F(RulesEngineTest, AFractureIsTraumaticAndSitedByTheNote) {
  const auto r = Run("Assessment: left hip fracture after a fall.");
  EXPECT_THAT(Codes(r), Contains("S72.002A"));  // hip: see femur, neck; left; initial encounter
}

TEST_F(RulesEngineTest, BipolarEpisodeReadsThroughTheDefaultWithoutPsychoticFeatures) {
  const auto r = Run("Assessment: 1. Bipolar I disorder, current episode depressed, moderate.");
  EXPECT_THAT(Codes(r), Contains("F31.32"));
}

TEST_F(RulesEngineTest, ResolvedChronicConditionIsNotCurrent) {
  const auto r = Run("PMH: GERD, resolved after weight loss; off PPI since 2022. Hypertension.");
  EXPECT_THAT(Codes(r), Not(Contains("K21.9")));
  EXPECT_THAT(Codes(r), Contains("I10"));
}

TEST_F(RulesEngineTest, SymptomsOutsideTheAssessmentAreIntegral) {
  const std::string note =
      "HPI: Productive cough and fever for 3 days.\nAssessment: Community-acquired pneumonia.";
  const auto r = Run(note);
  EXPECT_THAT(Codes(r), Contains("J18.9"));
  EXPECT_THAT(Codes(r), Not(Contains("R05.9")));
  EXPECT_THAT(ExcludedReasons(r, note, "cough"), Contains("integral_symptom"));
}

TEST_F(RulesEngineTest, BadInputIsAnErrorNotACrash) {
  EXPECT_FALSE(engine_->Code("").ok());
  EXPECT_FALSE(engine_->Code("   \n\t ").ok());
  EXPECT_FALSE(engine_->Code(std::string("abc\xff\xfe", 5)).ok());
  EXPECT_FALSE(engine_->Code(std::string("a\0b", 3)).ok());
  std::string big(100 * 1024, 'a');
  EXPECT_TRUE(engine_->Code(big).ok());
  std::string controls = "Assessment: hypertension\x01\x02\x1b[31m and diabetes.";
  EXPECT_TRUE(engine_->Code(controls).ok());
}

}  // namespace
}  // namespace notecoder::rules
