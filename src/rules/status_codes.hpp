#pragma once
// Status Z-codes a coder adds from structured parts of the note: long-term (current) drug
// therapy from the medication list (Z79.-) and the BMI (Z68.-) when a weight diagnosis is coded.
#include <vector>

#include "codes/codebook.hpp"
#include "nlp/basics.hpp"
#include "nlp/document.hpp"
#include "rules/rules_result.hpp"

namespace notecoder::rules {

// Appends Z79.- codes for drugs listed in medication sections (not stopped or held). `coded` is
// what the engine found so far: Z79.4 (insulin) is not used with type 1 diabetes.
void AddMedicationStatusCodes(const codes::Codebook& book, const nlp::Document& doc,
                              std::vector<CodedDiagnosis>& coded);

// Appends Z23 (encounter for immunization) when a vaccine is documented as given at this visit
// ("flu vaccine administered today", "Tdap given"), not when declined or merely due.
void AddImmunizationCode(const codes::Codebook& book, const nlp::Document& doc,
                         std::vector<CodedDiagnosis>& coded);

// Appends status codes for past procedures a coder reports (Z96.65- artificial knee joint,
// Z95.1 aortocoronary bypass, Z95.5 coronary stent, Z95.0 pacemaker, Z94.- transplants) when
// the sentence says they were done ("s/p left TKA", "status post CABG", a past-surgical list),
// never when planned, negated or about a relative; laterality from the sentence.
void AddProcedureStatusCodes(const codes::Codebook& book, const nlp::Document& doc,
                             std::vector<CodedDiagnosis>& coded);

// Appends the adult BMI code (Z68.1–Z68.45) when an obesity, overweight or underweight
// diagnosis is coded, the patient is 20 or older (or age unknown), and a BMI is recorded.
void AddBmiCode(const codes::Codebook& book, const nlp::Basics& basics,
                std::vector<CodedDiagnosis>& coded);

}  // namespace notecoder::rules
