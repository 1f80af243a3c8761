// Stable snake_case names for the enums; they appear in API responses and logs, so never rename.
#include "nlp/context.hpp"
#include "nlp/document.hpp"

namespace notecoder::nlp {

const char* SectionKindName(SectionKind kind) {
  switch (kind) {
    case SectionKind::kUnknown:
      return "unknown";
    case SectionKind::kChiefComplaint:
      return "chief_complaint";
    case SectionKind::kHpi:
      return "history_of_present_illness";
    case SectionKind::kPastMedicalHistory:
      return "past_medical_history";
    case SectionKind::kPastSurgicalHistory:
      return "past_surgical_history";
    case SectionKind::kMedications:
      return "medications";
    case SectionKind::kAllergies:
      return "allergies";
    case SectionKind::kSocialHistory:
      return "social_history";
    case SectionKind::kFamilyHistory:
      return "family_history";
    case SectionKind::kReviewOfSystems:
      return "review_of_systems";
    case SectionKind::kPhysicalExam:
      return "physical_exam";
    case SectionKind::kVitals:
      return "vitals";
    case SectionKind::kLabs:
      return "labs";
    case SectionKind::kImaging:
      return "imaging";
    case SectionKind::kAssessment:
      return "assessment";
    case SectionKind::kPlan:
      return "plan";
    case SectionKind::kAssessmentAndPlan:
      return "assessment_and_plan";
    case SectionKind::kProblemList:
      return "problem_list";
    case SectionKind::kHospitalCourse:
      return "hospital_course";
    case SectionKind::kProcedures:
      return "procedures";
    case SectionKind::kImmunizations:
      return "immunizations";
    case SectionKind::kInstructions:
      return "instructions";
  }
  return "unknown";
}

const char* AssertionName(Assertion a) {
  switch (a) {
    case Assertion::kPresent:
      return "present";
    case Assertion::kNegated:
      return "negated";
    case Assertion::kPossible:
      return "possible";
    case Assertion::kHypothetical:
      return "hypothetical";
    case Assertion::kHistorical:
      return "historical";
    case Assertion::kFamily:
      return "family";
  }
  return "present";
}

}  // namespace notecoder::nlp
