#include "nlp/section_headers.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "nlp/text_scan.hpp"

namespace notecoder::nlp {
namespace {

using K = SectionKind;

// Labels in normal form (see NormalizeHeaderLabel). Our own list, gathered from common US note
// templates (H&P, progress, consult, discharge summary, SOAP).
constexpr std::pair<std::string_view, SectionKind> kHeaders[] = {
    // Chief complaint
    {"cc", K::kChiefComplaint},
    {"chief complaint", K::kChiefComplaint},
    {"chief complaints", K::kChiefComplaint},
    {"reason for visit", K::kChiefComplaint},
    {"reason for admission", K::kChiefComplaint},
    {"reason for consultation", K::kChiefComplaint},
    {"reason for consult", K::kChiefComplaint},
    {"reason for referral", K::kChiefComplaint},
    {"presenting complaint", K::kChiefComplaint},
    {"complaint", K::kChiefComplaint},
    // History of present illness
    {"hpi", K::kHpi},
    {"history of present illness", K::kHpi},
    {"history of the present illness", K::kHpi},
    {"history of presenting illness", K::kHpi},
    {"present illness", K::kHpi},
    {"interval history", K::kHpi},
    {"interval hx", K::kHpi},
    {"brief hpi", K::kHpi},
    {"history", K::kHpi},
    {"clinical history", K::kHpi},
    {"subjective", K::kHpi},
    // Past medical history
    {"pmh", K::kPastMedicalHistory},
    {"ob history", K::kPastMedicalHistory},
    {"obstetric history", K::kPastMedicalHistory},
    {"ob/gyn history", K::kPastMedicalHistory},
    {"gyn history", K::kPastMedicalHistory},
    {"pmhx", K::kPastMedicalHistory},
    {"past medical history", K::kPastMedicalHistory},
    {"past medical hx", K::kPastMedicalHistory},
    {"medical history", K::kPastMedicalHistory},
    {"medical hx", K::kPastMedicalHistory},
    {"past history", K::kPastMedicalHistory},
    {"past medical and surgical history", K::kPastMedicalHistory},
    {"pmh/psh", K::kPastMedicalHistory},
    // Past surgical history
    {"psh", K::kPastSurgicalHistory},
    {"pshx", K::kPastSurgicalHistory},
    {"past surgical history", K::kPastSurgicalHistory},
    {"surgical history", K::kPastSurgicalHistory},
    {"past surgical hx", K::kPastSurgicalHistory},
    {"surgical hx", K::kPastSurgicalHistory},
    // Medications
    {"medications", K::kMedications},
    {"medication", K::kMedications},
    {"meds", K::kMedications},
    {"current medications", K::kMedications},
    {"current meds", K::kMedications},
    {"home medications", K::kMedications},
    {"home meds", K::kMedications},
    {"discharge medications", K::kMedications},
    {"discharge meds", K::kMedications},
    {"outpatient medications", K::kMedications},
    {"admission medications", K::kMedications},
    {"medications on admission", K::kMedications},
    {"medication list", K::kMedications},
    {"active medications", K::kMedications},
    {"current outpatient medications", K::kMedications},
    {"medications prior to admission", K::kMedications},
    // Allergies
    {"allergies", K::kAllergies},
    {"allergy", K::kAllergies},
    {"drug allergies", K::kAllergies},
    {"medication allergies", K::kAllergies},
    {"allergies/adverse reactions", K::kAllergies},
    {"allergies and adverse reactions", K::kAllergies},
    {"adverse reactions", K::kAllergies},
    // Social history
    {"social history", K::kSocialHistory},
    {"sh", K::kSocialHistory},
    {"shx", K::kSocialHistory},
    {"social", K::kSocialHistory},
    {"social hx", K::kSocialHistory},
    {"habits", K::kSocialHistory},
    // Family history
    {"family history", K::kFamilyHistory},
    {"fh", K::kFamilyHistory},
    {"fhx", K::kFamilyHistory},
    {"family hx", K::kFamilyHistory},
    {"family medical history", K::kFamilyHistory},
    // Review of systems
    {"ros", K::kReviewOfSystems},
    {"review of systems", K::kReviewOfSystems},
    {"review of system", K::kReviewOfSystems},
    {"systems review", K::kReviewOfSystems},
    // Physical exam
    {"physical exam", K::kPhysicalExam},
    {"physical examination", K::kPhysicalExam},
    {"pe", K::kPhysicalExam},
    {"exam", K::kPhysicalExam},
    {"examination", K::kPhysicalExam},
    {"physical", K::kPhysicalExam},
    {"on exam", K::kPhysicalExam},
    {"admission exam", K::kPhysicalExam},
    {"discharge exam", K::kPhysicalExam},
    {"physical findings", K::kPhysicalExam},
    {"objective", K::kPhysicalExam},
    // Vitals
    {"vitals", K::kVitals},
    {"vital signs", K::kVitals},
    {"vitals signs", K::kVitals},
    {"vs", K::kVitals},
    // Labs
    {"labs", K::kLabs},
    {"lab", K::kLabs},
    {"laboratory", K::kLabs},
    {"lab results", K::kLabs},
    {"laboratory results", K::kLabs},
    {"laboratory data", K::kLabs},
    {"lab data", K::kLabs},
    {"laboratory studies", K::kLabs},
    {"pertinent results", K::kLabs},
    {"pertinent labs", K::kLabs},
    // Imaging
    {"imaging", K::kImaging},
    {"radiology", K::kImaging},
    {"studies", K::kImaging},
    {"imaging studies", K::kImaging},
    {"diagnostic studies", K::kImaging},
    {"radiology results", K::kImaging},
    {"imaging results", K::kImaging},
    {"diagnostics", K::kImaging},
    // Assessment
    {"assessment", K::kAssessment},
    {"impression", K::kAssessment},
    {"clinical impression", K::kAssessment},
    {"assessment/impression", K::kAssessment},
    {"impression/assessment", K::kAssessment},
    {"clinical assessment", K::kAssessment},
    // Plan
    {"plan", K::kPlan},
    {"treatment plan", K::kPlan},
    {"plan of care", K::kPlan},
    {"recommendations", K::kPlan},
    {"recommendation", K::kPlan},
    {"disposition", K::kPlan},
    // Assessment and plan
    {"assessment and plan", K::kAssessmentAndPlan},
    {"assessment&plan", K::kAssessmentAndPlan},
    {"assessment/plan", K::kAssessmentAndPlan},
    {"a/p", K::kAssessmentAndPlan},
    // SOAP single letters, as in "A: Streptococcal pharyngitis" / "P: amoxicillin".
    {"s", K::kHpi},
    {"o", K::kPhysicalExam},
    {"a", K::kAssessment},
    {"p", K::kPlan},
    {"a&p", K::kAssessmentAndPlan},
    {"impression and plan", K::kAssessmentAndPlan},
    {"impression/plan", K::kAssessmentAndPlan},
    {"assessment and recommendations", K::kAssessmentAndPlan},
    {"impression and recommendations", K::kAssessmentAndPlan},
    // Problem list and diagnoses
    {"problem list", K::kProblemList},
    {"active problem list", K::kProblemList},
    {"problems", K::kProblemList},
    {"active problems", K::kProblemList},
    {"current problems", K::kProblemList},
    {"medical problems", K::kProblemList},
    {"diagnoses", K::kProblemList},
    {"diagnosis", K::kProblemList},
    {"dx", K::kProblemList},
    {"discharge diagnoses", K::kProblemList},
    {"discharge diagnosis", K::kProblemList},
    {"final diagnoses", K::kProblemList},
    {"final diagnosis", K::kProblemList},
    {"admission diagnoses", K::kProblemList},
    {"admitting diagnosis", K::kProblemList},
    {"principal diagnosis", K::kProblemList},
    {"primary diagnosis", K::kProblemList},
    {"secondary diagnoses", K::kProblemList},
    // Hospital course
    {"hospital course", K::kHospitalCourse},
    {"brief hospital course", K::kHospitalCourse},
    {"clinical course", K::kHospitalCourse},
    {"course", K::kHospitalCourse},
    {"ed course", K::kHospitalCourse},
    {"summary of hospital course", K::kHospitalCourse},
    {"hospital course by problem", K::kHospitalCourse},
    // Procedures
    {"procedures", K::kProcedures},
    {"procedure", K::kProcedures},
    {"procedures performed", K::kProcedures},
    {"operative procedures", K::kProcedures},
    {"major surgical or invasive procedure", K::kProcedures},
    // Immunizations
    {"immunizations", K::kImmunizations},
    {"immunization", K::kImmunizations},
    {"immunization history", K::kImmunizations},
    {"vaccinations", K::kImmunizations},
    {"vaccines", K::kImmunizations},
    {"vaccination history", K::kImmunizations},
    // Instructions and follow-up
    {"discharge instructions", K::kInstructions},
    {"patient instructions", K::kInstructions},
    {"instructions", K::kInstructions},
    {"follow-up", K::kInstructions},
    {"follow up", K::kInstructions},
    {"followup", K::kInstructions},
    {"follow-up instructions", K::kInstructions},
    {"patient education", K::kInstructions},
    {"return precautions", K::kInstructions},
};

const std::vector<std::pair<std::string_view, SectionKind>>& SortedHeaders() {
  static const auto sorted = [] {
    std::vector<std::pair<std::string_view, SectionKind>> v(std::begin(kHeaders),
                                                            std::end(kHeaders));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return sorted;
}

bool IsJoiner(char c) { return c == '/' || c == '&' || c == '-'; }

}  // namespace

void NormalizeHeaderLabel(std::string_view label, std::string& out) {
  const std::size_t start = out.size();
  bool pending_space = false;
  for (const char c : label) {
    if (c == '.') continue;
    if (scan::IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (IsJoiner(c)) {
      pending_space = false;
      out.push_back(c);
      continue;
    }
    if (pending_space && out.size() > start && !IsJoiner(out.back())) out.push_back(' ');
    pending_space = false;
    out.push_back(scan::ToLower(c));
  }
  while (out.size() > start && (out.back() == ':' || out.back() == '-' || out.back() == ' ')) {
    out.pop_back();
  }
}

std::optional<SectionKind> LookupSectionHeader(std::string_view normalized_label) {
  const auto& headers = SortedHeaders();
  const auto it =
      std::lower_bound(headers.begin(), headers.end(), normalized_label,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it == headers.end() || it->first != normalized_label) return std::nullopt;
  return it->second;
}

}  // namespace notecoder::nlp
