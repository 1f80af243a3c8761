#include "ml/synthetic_conditions.hpp"

#include <array>

namespace notecoder::ml {
namespace {

// Written for this project. Codes are checked against the codebook when the generator is built.
constexpr std::array kConditions = {
    ConditionPhrasing{
        "E11.9", "type 2 diabetes mellitus|type 2 diabetes|T2DM|DM2|non-insulin dependent diabetes",
        "metformin 1000 mg BID|glipizide 5 mg daily|sitagliptin 100 mg daily",
        "A1c 7.1% last month|fasting glucose in the 130s|no polyuria or polydipsia",
        "continue metformin, recheck A1c in 3 months|diabetic diet reviewed|annual eye exam "
        "ordered"},
    ConditionPhrasing{
        "E11.22",
        "type 2 diabetes with diabetic chronic kidney disease|diabetic nephropathy with CKD|T2DM "
        "with diabetic CKD|diabetic kidney disease",
        "lisinopril 10 mg daily|empagliflozin 10 mg daily|insulin glargine 20 units nightly",
        "urine albumin to creatinine ratio elevated at 120|creatinine 1.6, eGFR 42",
        "continue SGLT2 inhibitor for renal protection|nephrology referral|avoid NSAIDs"},
    ConditionPhrasing{
        "E11.65",
        "type 2 diabetes with hyperglycemia|uncontrolled type 2 diabetes|poorly controlled "
        "T2DM|DM2 with hyperglycemia",
        "insulin glargine 24 units nightly|metformin 1000 mg BID|semaglutide 0.5 mg weekly",
        "A1c 10.4%|glucose 312 on arrival|polyuria and polydipsia for two weeks",
        "increase basal insulin by 2 units every 3 days|diabetes education referral|check glucose "
        "four times daily"},
    ConditionPhrasing{
        "E11.40",
        "type 2 diabetes with diabetic neuropathy|diabetic peripheral neuropathy|T2DM with "
        "neuropathy|diabetic polyneuropathy",
        "gabapentin 300 mg TID|duloxetine 60 mg daily|metformin 500 mg BID",
        "decreased monofilament sensation in both feet|burning pain in the feet at night",
        "podiatry referral|daily foot checks|titrate gabapentin"},
    ConditionPhrasing{"E10.9", "type 1 diabetes mellitus|type 1 diabetes|T1DM|juvenile diabetes",
                      "insulin lispro sliding scale|insulin glargine 18 units nightly|insulin pump",
                      "A1c 7.4%|uses a continuous glucose monitor|no recent hypoglycemia",
                      "continue basal-bolus insulin|endocrinology follow-up|glucagon kit refilled"},
    ConditionPhrasing{
        "I10", "essential hypertension|hypertension|HTN|high blood pressure",
        "lisinopril 20 mg daily|amlodipine 5 mg daily|hydrochlorothiazide 25 mg daily|losartan 50 "
        "mg daily",
        "BP 152/94 today|home readings in the 140s systolic|no headache or visual changes",
        "continue antihypertensives|low sodium diet|recheck blood pressure in 4 weeks"},
    ConditionPhrasing{
        "I25.10", "coronary artery disease|CAD|atherosclerotic heart disease|ASHD",
        "aspirin 81 mg daily|atorvastatin 80 mg daily|metoprolol succinate 50 mg daily",
        "prior stent to the LAD in 2019|no exertional chest pressure|stress test without ischemia "
        "last year",
        "continue aspirin and high-intensity statin|cardiology follow-up|cardiac rehab encouraged"},
    ConditionPhrasing{"I48.91", "atrial fibrillation|AFib|a-fib|AF",
                      "apixaban 5 mg BID|metoprolol tartrate 25 mg BID|diltiazem 120 mg daily",
                      "irregularly irregular rhythm|ECG shows atrial fibrillation with rate "
                      "88|occasional palpitations",
                      "continue anticoagulation, CHA2DS2-VASc 4|rate control with beta "
                      "blocker|check CBC and renal function"},
    ConditionPhrasing{
        "I50.9", "heart failure|CHF|congestive heart failure|cardiac failure",
        "furosemide 40 mg daily|spironolactone 25 mg daily|carvedilol 12.5 mg BID",
        "2+ pitting edema to the shins|JVP elevated|weight up 4 pounds this week|orthopnea with "
        "two pillows",
        "daily weights|fluid restriction 2 liters|increase diuretic|echocardiogram ordered"},
    ConditionPhrasing{
        "I50.22",
        "chronic systolic heart failure|HFrEF|heart failure with reduced ejection fraction|chronic "
        "systolic CHF",
        "sacubitril-valsartan 49/51 mg BID|carvedilol 25 mg BID|spironolactone 25 mg "
        "daily|dapagliflozin 10 mg daily",
        "EF 30% on last echo|NYHA class II symptoms|no edema today",
        "continue guideline-directed medical therapy|ICD evaluation|recheck potassium"},
    ConditionPhrasing{"E78.5", "hyperlipidemia|HLD|dyslipidemia|high cholesterol",
                      "atorvastatin 40 mg daily|rosuvastatin 20 mg daily|simvastatin 20 mg nightly",
                      "LDL 142 on last panel|triglycerides 210",
                      "continue statin|repeat lipid panel in 3 months|dietary counseling"},
    ConditionPhrasing{
        "E78.00", "pure hypercholesterolemia|hypercholesterolemia|elevated LDL cholesterol",
        "rosuvastatin 10 mg daily|ezetimibe 10 mg daily", "LDL 188, HDL 52, triglycerides normal",
        "start statin|recheck fasting lipids in 6 weeks"},
    ConditionPhrasing{
        "N18.30", "chronic kidney disease stage 3|CKD stage 3|CKD 3|stage 3 chronic kidney disease",
        "avoid nephrotoxins|sodium bicarbonate 650 mg BID", "creatinine stable at 1.5|eGFR 48",
        "renally dose medications|monitor BMP every 3 months|nephrology follow-up"},
    ConditionPhrasing{
        "N18.4", "chronic kidney disease stage 4|CKD stage 4|CKD 4|stage IV CKD",
        "calcitriol 0.25 mcg daily|sevelamer 800 mg TID", "eGFR 22|creatinine 2.8|potassium 5.2",
        "discuss renal replacement options|vein preservation|nephrology co-management"},
    ConditionPhrasing{
        "J44.9",
        "chronic obstructive pulmonary disease|COPD|chronic obstructive lung disease|emphysema",
        "tiotropium 18 mcg inhaled daily|albuterol inhaler as needed|fluticasone-salmeterol 250/50 "
        "BID",
        "diminished breath sounds bilaterally|prolonged expiratory phase|FEV1 58% predicted",
        "continue inhalers|pulmonary rehab referral|pneumococcal vaccine up to date"},
    ConditionPhrasing{
        "J44.1", "COPD exacerbation|acute exacerbation of COPD|AECOPD|COPD with acute exacerbation",
        "prednisone 40 mg daily for 5 days|azithromycin 250 mg daily|albuterol-ipratropium "
        "nebulizers every 4 hours",
        "increased sputum and dyspnea for three days|diffuse expiratory wheezes|SpO2 89% on room "
        "air",
        "steroid burst|scheduled nebulizers|titrate oxygen to saturation 88 to 92%"},
    ConditionPhrasing{
        "J45.909", "asthma|bronchial asthma|reactive airway disease|mild persistent asthma",
        "albuterol inhaler 2 puffs as needed|budesonide-formoterol 160/4.5 BID|montelukast 10 mg "
        "nightly",
        "occasional wheezing with exercise|lungs clear today|uses rescue inhaler twice a week",
        "continue controller inhaler|asthma action plan reviewed|spacer technique reviewed"},
    ConditionPhrasing{
        "J18.9", "pneumonia|community acquired pneumonia|CAP|lobar pneumonia",
        "ceftriaxone 1 g IV daily|azithromycin 500 mg daily|levofloxacin 750 mg daily",
        "right lower lobe infiltrate on chest x-ray|crackles at the right base|productive cough "
        "with fever",
        "continue antibiotics|incentive spirometry|repeat chest x-ray in 6 weeks"},
    ConditionPhrasing{
        "J06.9", "upper respiratory infection|URI|viral upper respiratory infection|common cold",
        "acetaminophen as needed|saline nasal spray|guaifenesin",
        "rhinorrhea and sore throat for 3 days|mild nasal congestion|oropharynx mildly "
        "erythematous",
        "supportive care|fluids and rest|no antibiotics indicated"},
    ConditionPhrasing{
        "N39.0", "urinary tract infection|UTI|bladder infection|cystitis",
        "nitrofurantoin 100 mg BID|cephalexin 500 mg BID|trimethoprim-sulfamethoxazole DS BID",
        "dysuria and frequency|urinalysis positive for nitrites and leukocyte esterase|suprapubic "
        "tenderness",
        "urine culture sent|antibiotics for 5 days|increase fluids"},
    ConditionPhrasing{"E03.9", "hypothyroidism|underactive thyroid|hypothyroid|low thyroid",
                      "levothyroxine 75 mcg daily|levothyroxine 100 mcg daily",
                      "TSH 6.8|fatigue and cold intolerance",
                      "increase levothyroxine|recheck TSH in 6 weeks"},
    ConditionPhrasing{"E66.9", "obesity|obese|class 1 obesity", "phentermine 37.5 mg daily",
                      "BMI 33|weight 98 kg",
                      "dietary counseling|increase physical activity to 150 minutes weekly"},
    ConditionPhrasing{
        "E66.01",
        "morbid obesity|severe obesity|class 3 obesity|morbid obesity due to excess calories",
        "semaglutide 2.4 mg weekly|tirzepatide 5 mg weekly", "BMI 44|weight 131 kg",
        "bariatric surgery referral|nutrition consult|weight management program"},
    ConditionPhrasing{"F32.A",
                      "depression|depressive disorder|depressed mood disorder|major depression",
                      "sertraline 50 mg daily|escitalopram 10 mg daily|bupropion XL 150 mg daily",
                      "PHQ-9 score 14|low mood and anhedonia|no suicidal ideation",
                      "continue SSRI|behavioral health referral|safety plan reviewed"},
    ConditionPhrasing{"F41.1", "generalized anxiety disorder|GAD|anxiety disorder|chronic anxiety",
                      "sertraline 100 mg daily|buspirone 10 mg BID|hydroxyzine 25 mg as needed",
                      "GAD-7 score 12|excessive worry and poor sleep",
                      "cognitive behavioral therapy|continue SSRI|follow up in 6 weeks"},
    ConditionPhrasing{"F17.210",
                      "nicotine dependence, cigarettes|tobacco use disorder|cigarette "
                      "smoker|current every day smoker",
                      "nicotine patch 21 mg daily|varenicline 1 mg BID",
                      "smokes one pack per day for 30 years|40 pack-year history",
                      "smoking cessation counseling for 5 minutes|nicotine replacement "
                      "offered|lung cancer screening CT"},
    ConditionPhrasing{"G47.33", "obstructive sleep apnea|OSA|sleep apnea|obstructive sleep apnoea",
                      "CPAP at 10 cm H2O nightly|auto-PAP",
                      "snoring and daytime somnolence|Epworth score 14|AHI 28 on sleep study",
                      "continue CPAP nightly|download CPAP data|sleep medicine follow-up"},
    ConditionPhrasing{"K21.9", "gastroesophageal reflux disease|GERD|acid reflux|reflux disease",
                      "omeprazole 20 mg daily|pantoprazole 40 mg daily|famotidine 20 mg BID",
                      "heartburn after meals|regurgitation at night",
                      "continue PPI|elevate head of bed|avoid late meals"},
    ConditionPhrasing{"M54.50", "low back pain|lumbago|LBP|lower back pain",
                      "ibuprofen 600 mg TID|cyclobenzaprine 5 mg nightly|acetaminophen 1 g TID",
                      "paraspinal tenderness in the lumbar region|negative straight leg raise",
                      "physical therapy referral|heat and stretching|return precautions reviewed"},
    ConditionPhrasing{
        "M17.11",
        "primary osteoarthritis of the right knee|right knee osteoarthritis|OA of the right "
        "knee|degenerative joint disease of the right knee",
        "meloxicam 15 mg daily|diclofenac gel to the right knee|acetaminophen 650 mg TID",
        "crepitus and medial joint line tenderness of the right knee|x-ray with medial joint space "
        "narrowing on the right",
        "corticosteroid injection to the right knee|quadriceps strengthening|orthopedics referral"},
    ConditionPhrasing{
        "M81.0",
        "osteoporosis|age-related osteoporosis|postmenopausal osteoporosis|senile osteoporosis",
        "alendronate 70 mg weekly|calcium and vitamin D|denosumab every 6 months",
        "DEXA T-score -2.8 at the femoral neck|no fragility fractures",
        "continue bisphosphonate|fall prevention|repeat DEXA in 2 years"},
    ConditionPhrasing{"D64.9", "anemia|anaemia|low hemoglobin|chronic anemia",
                      "ferrous sulfate 325 mg daily",
                      "hemoglobin 9.8|conjunctival pallor|fatigue with exertion",
                      "iron studies and B12 ordered|repeat CBC in 4 weeks"},
    ConditionPhrasing{
        "D50.9",
        "iron deficiency anemia|IDA|iron-deficiency anaemia|microcytic anemia from iron deficiency",
        "ferrous sulfate 325 mg every other day|IV iron sucrose",
        "ferritin 8|hemoglobin 9.1 with MCV 72",
        "oral iron supplementation|colonoscopy to evaluate for GI blood loss"},
    ConditionPhrasing{
        "R07.9", "chest pain|chest discomfort|CP|thoracic pain",
        "nitroglycerin 0.4 mg sublingual as needed|aspirin 325 mg once",
        "substernal chest pain for 2 hours|troponin negative times two|ECG without ST changes",
        "serial troponins|stress test in the morning|cardiac monitoring"},
    ConditionPhrasing{"R50.9", "fever|febrile|pyrexia|fevers",
                      "acetaminophen 650 mg every 6 hours as needed",
                      "temperature 101.6 F|chills and sweats",
                      "blood cultures drawn|antipyretics|trend fever curve"},
    ConditionPhrasing{"R05.9", "cough|persistent cough|coughing|nonproductive cough",
                      "benzonatate 100 mg TID|dextromethorphan syrup",
                      "dry cough for 3 weeks|worse at night",
                      "chest x-ray|trial of cough suppressant"},
    ConditionPhrasing{"R51.9", "headache|cephalgia|head pain|headaches",
                      "acetaminophen 1 g as needed|ibuprofen 400 mg as needed",
                      "bifrontal pressure-like headache|no focal neurologic deficits",
                      "headache diary|limit analgesic use"},
    ConditionPhrasing{
        "G43.909", "migraine|migraine headache|migraines|migraine without aura",
        "sumatriptan 50 mg as needed|topiramate 25 mg BID|rizatriptan 10 mg as needed",
        "unilateral throbbing headache with photophobia|nausea with attacks",
        "start preventive therapy|triptan at onset|avoid triggers"},
    ConditionPhrasing{
        "I63.9", "cerebral infarction|stroke|CVA|acute ischemic stroke",
        "aspirin 81 mg daily|clopidogrel 75 mg daily|atorvastatin 80 mg daily",
        "left-sided weakness|MRI with acute infarct in the right MCA territory|NIHSS 6",
        "neurology following|telemetry|PT, OT and speech evaluation"},
    ConditionPhrasing{"U07.1", "COVID-19|COVID|SARS-CoV-2 infection|COVID-19 infection",
                      "nirmatrelvir-ritonavir|dexamethasone 6 mg daily",
                      "positive SARS-CoV-2 PCR|loss of taste and smell|myalgias",
                      "isolation precautions|supportive care|monitor oxygen saturation"},
    ConditionPhrasing{"A41.9", "sepsis|septicemia|sepsis, unspecified organism|septic",
                      "vancomycin IV|piperacillin-tazobactam IV|IV fluids 30 mL/kg",
                      "lactate 3.4|heart rate 118 and temperature 102.1 F|WBC 19.2",
                      "broad-spectrum antibiotics|blood cultures times two|repeat lactate"},
    ConditionPhrasing{"N17.9", "acute kidney injury|AKI|acute renal failure|ARF",
                      "IV normal saline|hold lisinopril and metformin",
                      "creatinine 2.4 from baseline 1.0|decreased urine output",
                      "hold nephrotoxins|renal ultrasound|strict intake and output"},
    ConditionPhrasing{
        "E87.1", "hyponatremia|low sodium|hyposmolality and hyponatremia|hyponatraemia",
        "fluid restriction|sodium chloride tablets 1 g TID", "sodium 126|mild confusion",
        "fluid restriction 1.5 liters|repeat sodium every 6 hours|check serum osmolality"},
    ConditionPhrasing{
        "I26.99", "pulmonary embolism|PE|pulmonary embolus|acute pulmonary embolism",
        "heparin drip|apixaban 10 mg BID for 7 days",
        "CT angiogram with segmental filling defects|tachycardia and pleuritic chest pain",
        "anticoagulation|echocardiogram for right heart strain|lower extremity dopplers"},
    ConditionPhrasing{"I82.401",
                      "deep vein thrombosis of the right leg|right leg DVT|right lower extremity "
                      "DVT|acute DVT of the right lower extremity",
                      "enoxaparin 1 mg/kg BID|rivaroxaban 15 mg BID",
                      "right calf swelling and tenderness|duplex ultrasound with occlusive "
                      "thrombus in the right popliteal vein",
                      "anticoagulation for 3 months|compression stockings"},
    ConditionPhrasing{
        "K57.30",
        "diverticulosis|diverticulosis of the colon|colonic diverticulosis|sigmoid diverticulosis",
        "psyllium daily", "diverticulosis seen on last colonoscopy|no bleeding",
        "high fiber diet|repeat colonoscopy per schedule"},
    ConditionPhrasing{"K80.20",
                      "cholelithiasis|gallstones|gallbladder stones|symptomatic cholelithiasis",
                      "ondansetron as needed|ketorolac as needed",
                      "right upper quadrant pain after fatty meals|ultrasound with gallstones and "
                      "no wall thickening",
                      "general surgery referral for cholecystectomy|low-fat diet"},
    ConditionPhrasing{"L03.115",
                      "cellulitis of the right leg|right lower extremity cellulitis|right leg "
                      "cellulitis|cellulitis of right lower limb",
                      "cephalexin 500 mg QID|IV cefazolin",
                      "erythema and warmth of the right shin|borders marked",
                      "antibiotics for 7 days|elevate the leg|mark borders and recheck"},
    ConditionPhrasing{
        "M10.9", "gout|gouty arthritis|podagra|gout flare",
        "allopurinol 100 mg daily|colchicine 0.6 mg BID|indomethacin 50 mg TID",
        "swollen red first MTP joint|uric acid 9.2",
        "treat flare with colchicine|start urate-lowering therapy after flare|limit alcohol"},
    ConditionPhrasing{"G30.9", "Alzheimer disease|Alzheimer's disease|Alzheimer's dementia|AD",
                      "donepezil 10 mg nightly|memantine 10 mg BID",
                      "MoCA 16 of 30|progressive memory loss over 3 years",
                      "continue cholinesterase inhibitor|caregiver support|home safety evaluation"},
    ConditionPhrasing{"R73.03",
                      "prediabetes|pre-diabetes|impaired fasting glucose|borderline diabetes",
                      "metformin 500 mg daily", "A1c 6.1%|fasting glucose 108",
                      "lifestyle modification|recheck A1c in 1 year|diabetes prevention program"},
    ConditionPhrasing{
        "E55.9", "vitamin D deficiency|low vitamin D|hypovitaminosis D|vit D deficiency",
        "cholecalciferol 2000 units daily|ergocalciferol 50000 units weekly",
        "25-hydroxy vitamin D 14", "vitamin D supplementation|recheck level in 3 months"},
    ConditionPhrasing{"I73.9", "peripheral vascular disease|PVD|peripheral arterial disease|PAD",
                      "cilostazol 100 mg BID|aspirin 81 mg daily",
                      "diminished dorsalis pedis pulses|claudication after one block|ABI 0.7",
                      "supervised exercise program|vascular surgery referral"},
    ConditionPhrasing{"N40.0",
                      "benign prostatic hyperplasia|BPH|enlarged prostate|prostatic hypertrophy",
                      "tamsulosin 0.4 mg nightly|finasteride 5 mg daily",
                      "smooth enlarged prostate on exam|PSA 1.8",
                      "continue alpha blocker|urology follow-up as needed"},
    ConditionPhrasing{
        "K59.00", "constipation|chronic constipation|constipated|difficulty with bowel movements",
        "polyethylene glycol 17 g daily|senna 8.6 mg nightly|docusate 100 mg BID",
        "hard stools every 3 to 4 days|mild abdominal distension",
        "bowel regimen|increase fiber and fluids"},
    ConditionPhrasing{"R11.2", "nausea with vomiting|nausea and vomiting|N/V|emesis with nausea",
                      "ondansetron 4 mg every 8 hours as needed|promethazine 12.5 mg as needed",
                      "three episodes of nonbloody emesis|unable to tolerate oral intake",
                      "antiemetics|clear liquid diet|IV fluids"},
    ConditionPhrasing{"R42", "dizziness|lightheadedness|giddiness|dizzy spells",
                      "meclizine 25 mg as needed",
                      "orthostatic vital signs negative|dizziness with standing",
                      "hydration|fall precautions|check orthostatics"},
    ConditionPhrasing{
        "H40.9", "glaucoma|open-angle glaucoma|elevated intraocular pressure with glaucoma",
        "latanoprost 0.005% one drop nightly|timolol 0.5% drops BID",
        "optic disc cupping per ophthalmology", "continue eye drops|ophthalmology follow-up"},
};

}  // namespace

std::span<const ConditionPhrasing> CuratedConditions() { return kConditions; }

}  // namespace notecoder::ml
