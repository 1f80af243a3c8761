// Section headers: synonyms, forms, false headers and the sentence → section link.
#include <gtest/gtest.h>

#include "nlp/section_detector.hpp"
#include "nlp/section_headers.hpp"
#include "nlp_test_util.hpp"

namespace notecoder::nlp {
namespace {

using testing::AnalyzeOk;
using testing::TextOf;

std::optional<SectionKind> HeaderKind(std::string_view line) {
  const auto match = DetectHeader(line, 0, static_cast<std::uint32_t>(line.size()));
  if (!match || !match->recognised) return std::nullopt;
  return match->kind;
}

TEST(SectionHeaders, SynonymsMapToTheirKinds) {
  using K = SectionKind;
  const std::pair<std::string_view, SectionKind> cases[] = {
      {"CC:", K::kChiefComplaint},
      {"Chief Complaint:", K::kChiefComplaint},
      {"Reason for visit:", K::kChiefComplaint},
      {"HPI:", K::kHpi},
      {"History of Present Illness:", K::kHpi},
      {"Interval history:", K::kHpi},
      {"PMH:", K::kPastMedicalHistory},
      {"Past Medical History:", K::kPastMedicalHistory},
      {"Medical History:", K::kPastMedicalHistory},
      {"Past History:", K::kPastMedicalHistory},
      {"PSH:", K::kPastSurgicalHistory},
      {"Past Surgical History:", K::kPastSurgicalHistory},
      {"Surgical History:", K::kPastSurgicalHistory},
      {"Medications:", K::kMedications},
      {"Meds:", K::kMedications},
      {"Current Medications:", K::kMedications},
      {"Home Medications:", K::kMedications},
      {"Discharge Medications:", K::kMedications},
      {"Allergies:", K::kAllergies},
      {"Drug Allergies:", K::kAllergies},
      {"Social History:", K::kSocialHistory},
      {"SH:", K::kSocialHistory},
      {"Social:", K::kSocialHistory},
      {"Family History:", K::kFamilyHistory},
      {"FH:", K::kFamilyHistory},
      {"FHx:", K::kFamilyHistory},
      {"ROS:", K::kReviewOfSystems},
      {"Review of Systems:", K::kReviewOfSystems},
      {"Physical Exam:", K::kPhysicalExam},
      {"PE:", K::kPhysicalExam},
      {"Exam:", K::kPhysicalExam},
      {"Examination:", K::kPhysicalExam},
      {"Vitals:", K::kVitals},
      {"Vital Signs:", K::kVitals},
      {"Labs:", K::kLabs},
      {"Laboratory:", K::kLabs},
      {"Lab Results:", K::kLabs},
      {"Pertinent Results:", K::kLabs},
      {"Imaging:", K::kImaging},
      {"Radiology:", K::kImaging},
      {"Studies:", K::kImaging},
      {"Assessment:", K::kAssessment},
      {"Impression:", K::kAssessment},
      {"Plan:", K::kPlan},
      {"Assessment and Plan:", K::kAssessmentAndPlan},
      {"A/P:", K::kAssessmentAndPlan},
      {"A&P:", K::kAssessmentAndPlan},
      {"Assessment & Plan:", K::kAssessmentAndPlan},
      {"Assessment / Plan:", K::kAssessmentAndPlan},
      {"Problem List:", K::kProblemList},
      {"Diagnoses:", K::kProblemList},
      {"Discharge Diagnoses:", K::kProblemList},
      {"Active Problems:", K::kProblemList},
      {"Hospital Course:", K::kHospitalCourse},
      {"Procedures:", K::kProcedures},
      {"Immunizations:", K::kImmunizations},
      {"Discharge Instructions:", K::kInstructions},
      {"Patient Instructions:", K::kInstructions},
      {"Follow-up:", K::kInstructions},
      {"Follow up:", K::kInstructions},
  };
  for (const auto& [line, kind] : cases) {
    EXPECT_EQ(HeaderKind(line), std::optional<SectionKind>(kind)) << line;
  }
}

TEST(SectionHeaders, FormsWithoutColonUpperCaseAndMarkdown) {
  EXPECT_EQ(HeaderKind("PAST MEDICAL HISTORY"), SectionKind::kPastMedicalHistory);
  EXPECT_EQ(HeaderKind("past medical history"), SectionKind::kPastMedicalHistory);
  EXPECT_EQ(HeaderKind("Plan"), SectionKind::kPlan);
  EXPECT_EQ(HeaderKind("ASSESSMENT AND PLAN The patient is stable."),
            SectionKind::kAssessmentAndPlan);
  EXPECT_EQ(HeaderKind("HPI 65 yo man with cough"), SectionKind::kHpi);
  EXPECT_EQ(HeaderKind("## Plan"), SectionKind::kPlan);
  EXPECT_EQ(HeaderKind("**Assessment:**"), SectionKind::kAssessment);
}

TEST(SectionHeaders, ProseIsNotAHeader) {
  EXPECT_EQ(HeaderKind("Plan to follow up in two weeks."), std::nullopt);
  EXPECT_EQ(HeaderKind("PE was ruled out by CTA."), std::nullopt);
  EXPECT_EQ(HeaderKind("PE CT negative"), std::nullopt);
  EXPECT_EQ(HeaderKind("History of diabetes."), std::nullopt);
  EXPECT_EQ(HeaderKind("Pain: 5/10"), std::nullopt);
  EXPECT_EQ(HeaderKind("- Plan: x"), std::nullopt);
}

TEST(SectionHeaders, NormalizesLabels) {
  std::string out;
  NormalizeHeaderLabel("  Assessment  /  Plan :", out);
  EXPECT_EQ(out, "assessment/plan");
  out.clear();
  NormalizeHeaderLabel("H.P.I.", out);
  EXPECT_EQ(out, "hpi");
}

TEST(Sections, DocumentSectionsAndSentenceLinks) {
  const std::string text =
      "Patient seen today.\nCC: cough\nPAST MEDICAL HISTORY\nHTN\nAssessment/Plan: Bronchitis. "
      "Rest.\n";
  const auto doc = AnalyzeOk(text);
  ASSERT_EQ(doc.sections.size(), 4u);
  EXPECT_EQ(doc.sections[0].kind, SectionKind::kUnknown);
  EXPECT_TRUE(doc.sections[0].header.empty());
  EXPECT_EQ(doc.sections[1].kind, SectionKind::kChiefComplaint);
  EXPECT_EQ(TextOf(doc, doc.sections[1].header), "CC:");
  EXPECT_EQ(doc.sections[2].kind, SectionKind::kPastMedicalHistory);
  EXPECT_EQ(doc.sections[3].kind, SectionKind::kAssessmentAndPlan);
  EXPECT_EQ(TextOf(doc, doc.sections[3].header), "Assessment/Plan:");
  EXPECT_EQ(doc.sections[3].body.end, text.size());
  EXPECT_EQ(doc.sections[1].body.end, doc.sections[2].header.begin);
  ASSERT_EQ(doc.sentences.size(), 5u);
  EXPECT_EQ(doc.SectionOf(0), SectionKind::kUnknown);
  EXPECT_EQ(doc.SectionOf(1), SectionKind::kChiefComplaint);
  EXPECT_EQ(doc.SectionOf(2), SectionKind::kPastMedicalHistory);
  EXPECT_EQ(doc.SectionOf(3), SectionKind::kAssessmentAndPlan);
  EXPECT_EQ(TextOf(doc, doc.sentences[3].span), "Bronchitis.");
}

TEST(Sections, NoteStartingWithHeaderHasNoLeadingUnknownSection) {
  const auto doc = AnalyzeOk("HPI: cough\nPlan: rest");
  ASSERT_EQ(doc.sections.size(), 2u);
  EXPECT_EQ(doc.sections[0].kind, SectionKind::kHpi);
}

TEST(Sections, UnknownSubHeaderEndsFamilyHistoryButNotExam) {
  const auto doc = AnalyzeOk(
      "Family History:\nMother with DM.\nDisposition Notes:\nHome today.\n"
      "Physical Exam:\nHEENT:\nNormal.");
  ASSERT_EQ(doc.sections.size(), 3u);
  EXPECT_EQ(doc.sections[1].kind, SectionKind::kUnknown);
  EXPECT_EQ(doc.SectionOf(1), SectionKind::kUnknown);
  EXPECT_EQ(doc.sections[2].kind, SectionKind::kPhysicalExam);
  EXPECT_EQ(doc.SectionOf(doc.sentences.size() - 1), SectionKind::kPhysicalExam);
}

TEST(Sections, NamesAreStable) {
  EXPECT_STREQ(SectionKindName(SectionKind::kPastMedicalHistory), "past_medical_history");
  EXPECT_STREQ(SectionKindName(SectionKind::kAssessmentAndPlan), "assessment_and_plan");
  EXPECT_STREQ(SectionKindName(SectionKind::kUnknown), "unknown");
}

}  // namespace
}  // namespace notecoder::nlp
