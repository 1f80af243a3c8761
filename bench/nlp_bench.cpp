// Throughput of nlp::Analyze (and ConText, basics) on a realistic ~4 KB multi-section note.
#include <benchmark/benchmark.h>

#include <string>

#include "nlp/analyzer.hpp"
#include "nlp/basics.hpp"
#include "nlp/context.hpp"

namespace {

std::string MakeNote() {
  const std::string note =
      "Date of admission: 03/14/2024\n"
      "CC: Chest pain and shortness of breath.\n"
      "HPI: Mr. Doe is a 67 y/o male with h/o HTN, T2DM, HLD and CAD s/p PCI in 2019 who presents\n"
      "with substernal chest pain x 2 days, worse with exertion. He denies fever, chills, cough,\n"
      "nausea, vomiting or diaphoresis. Pain is 7/10, non-radiating. Seen by Dr. Smith on\n"
      "March 10, 2024 and started on metformin 500 mg b.i.d. No recent travel. PE was ruled out\n"
      "at an outside hospital. Possible GERD vs. angina. Return if pain recurs.\n\n"
      "PMH:\n- Hypertension\n- Type 2 diabetes mellitus without complications\n"
      "- Hyperlipidemia\n- Coronary artery disease s/p PCI\n- Remote peptic ulcer disease\n\n"
      "PSH: Appendectomy (1998), cholecystectomy.\n\n"
      "Medications:\n- metformin 500 mg PO BID\n- lisinopril 10 mg PO daily\n"
      "- atorvastatin 40 mg PO nightly\n- aspirin 81 mg PO daily\n\n"
      "Allergies: Penicillin (rash); sulfa.\n\n"
      "Social History: Former smoker, quit 2010. Drinks 2 beers per week. Lives with his wife.\n"
      "Family History: Mother with breast cancer. Father had MI at age 55. No family history of\n"
      "colon cancer.\n\n"
      "ROS: Negative for fever, chills, night sweats, weight loss, headache, vision changes,\n"
      "abdominal pain, diarrhea, constipation, dysuria or hematuria. Positive for chest pain.\n\n"
      "Vitals: T 98.6 F, BP 142/88, HR 88, RR 16, SpO2 97% on RA. Wt 92 kg, BMI 31.2.\n"
      "Physical Exam:\nGeneral: NAD, alert and oriented x3.\nHEENT: PERRLA, no scleral icterus.\n"
      "Neck: No JVD. No lymphadenopathy.\nLungs: Clear to auscultation bilaterally, no wheezes.\n"
      "CV: RRR, no murmurs, rubs or gallops.\nAbd: Soft, non-tender, non-distended.\n"
      "Ext: No edema. Pedal pulses 2+ bilaterally.\n\n"
      "Labs: Troponin <0.01, BNP 45, HbA1c 7.2, Cr 1.1, K 4.2, LDL 98.\n"
      "Imaging: CXR without acute cardiopulmonary process. No pleural effusion or pneumothorax.\n"
      "ECG: NSR at 88 bpm, no ST changes.\n\n"
      "Assessment/Plan:\n"
      "1. Chest pain, likely stable angina; ACS ruled out by serial troponins. Cannot exclude\n"
      "   GERD. Will obtain stress test and start metoprolol 25 mg PO BID.\n"
      "2. Hypertension - suboptimally controlled; increase lisinopril to 20 mg daily.\n"
      "3. Type 2 diabetes mellitus - continue metformin, check A1c in 3 months.\n"
      "4. Hyperlipidemia - continue atorvastatin.\n"
      "5. Screening for colon cancer - refer for colonoscopy.\n\n"
      "Discharge Instructions: Return to the ED if chest pain worsens, or should he develop\n"
      "shortness of breath or syncope. Follow up with cardiology in 2 weeks.\n";
  std::string out = note;
  while (out.size() < 4000) out += "Hospital Course: Uneventful. Pain resolved with rest.\n";
  return out;
}

const std::string& Note() {
  static const std::string note = MakeNote();
  return note;
}

void BM_Analyze(benchmark::State& state) {
  const std::string& note = Note();
  for (auto _ : state) {
    auto doc = notecoder::nlp::Analyze(note);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(note.size()));
}
BENCHMARK(BM_Analyze);

// Analyze, then assess every word token as a one-token mention and extract basics: an upper
// bound on what the rules engine asks of this module per note.
void BM_AnalyzeAssessBasics(benchmark::State& state) {
  const std::string& note = Note();
  for (auto _ : state) {
    auto doc = notecoder::nlp::Analyze(note);
    int negated = 0;
    for (std::uint32_t i = 0; i < doc->tokens.size(); ++i) {
      if (doc->tokens[i].kind != notecoder::nlp::TokenKind::kWord) continue;
      negated +=
          notecoder::nlp::Assess(*doc, i, i + 1).assertion == notecoder::nlp::Assertion::kNegated;
    }
    auto basics = notecoder::nlp::ExtractBasics(*doc);
    benchmark::DoNotOptimize(negated);
    benchmark::DoNotOptimize(basics);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(note.size()));
}
BENCHMARK(BM_AnalyzeAssessBasics);

}  // namespace
