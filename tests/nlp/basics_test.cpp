// Basics: age, sex, dates, vitals, medications and allergies.
#include <gtest/gtest.h>

#include "nlp/basics.hpp"
#include "nlp_test_util.hpp"

namespace notecoder::nlp {
namespace {

using testing::AnalyzeOk;
using testing::TextOf;

Basics BasicsOf(std::string_view text) { return ExtractBasics(AnalyzeOk(text)); }

TEST(BasicsAge, RecognisesCommonForms) {
  const std::pair<std::string_view, int> cases[] = {
      {"65 y/o man with cough.", 65},
      {"A 65-year-old woman.", 65},
      {"65 yo F with rash.", 65},
      {"Age 65.", 65},
      {"Aged 72, retired.", 72},
      {"65 yr old male.", 65},
      {"65M with chest pain.", 65},
      {"65 F presents with pain.", 65},
      {"Age: 40", 40},
      {"She is 30 years of age.", 30},
      {"Pt is 65 y.o. female.", 65},
  };
  for (const auto& [text, age] : cases) {
    const Basics b = BasicsOf(text);
    EXPECT_EQ(b.age_years, std::optional<int>(age)) << text;
  }
}

TEST(BasicsAge, SpanCoversThePattern) {
  const auto doc = AnalyzeOk("HPI: A 65-year-old woman with cough.");
  const Basics b = ExtractBasics(doc);
  ASSERT_TRUE(b.age_span.has_value());
  EXPECT_EQ(TextOf(doc, *b.age_span), "65-year-old");
  ASSERT_TRUE(b.sex_span.has_value());
  EXPECT_EQ(TextOf(doc, *b.sex_span), "woman");
}

TEST(BasicsAge, DurationsAndVitalsAreNotAges) {
  EXPECT_FALSE(BasicsOf("Diabetes for 10 years.").age_years.has_value());
  EXPECT_FALSE(BasicsOf("Vitals: T 99 F, HR 88.").age_years.has_value());
  EXPECT_FALSE(BasicsOf("20 years of smoking.").age_years.has_value());
  // A hyphenated duration before the real age must not be taken for it.
  const Basics b = BasicsOf("CC: 3-month follow-up.\nHPI: 66 y/o F with diabetes.");
  EXPECT_EQ(b.age_years, std::optional<int>(66));
  EXPECT_EQ(b.sex, "female");
}

TEST(BasicsSex, ExplicitWordsNearAge) {
  EXPECT_EQ(BasicsOf("65 y/o male with cough.").sex, "male");
  EXPECT_EQ(BasicsOf("65 yo F with rash.").sex, "female");
  EXPECT_EQ(BasicsOf("65M with chest pain.").sex, "male");
  EXPECT_EQ(BasicsOf("A 40 year old gentleman.").sex, "male");
  EXPECT_EQ(BasicsOf("A 40 year old lady.").sex, "female");
}

TEST(BasicsSex, KeyValueAndTitles) {
  EXPECT_EQ(BasicsOf("Sex: F\nAge: 40").sex, "female");
  EXPECT_EQ(BasicsOf("Mr. Smith presents with cough.").sex, "male");
}

TEST(BasicsSex, PronounsOnlyWhenNothingExplicit) {
  EXPECT_EQ(BasicsOf("Patient presents with cough. She reports fever. Her husband drove.").sex,
            "female");
  EXPECT_EQ(BasicsOf("A 50 year old man. She said her husband was there. She left.").sex, "male");
  EXPECT_EQ(BasicsOf("Patient presents with cough.").sex, "");
}

TEST(BasicsDates, NumericAndNamedDatesToIso) {
  const Basics b = BasicsOf(
      "Date of admission: 03/14/2024\nDOS 2024-03-15\nAdmitted 3/14/24 to medicine.\n"
      "Discharge date: March 20, 2024\nSeen in clinic on 5 Jan 2023.\nBP 142/88.");
  ASSERT_EQ(b.dates.size(), 5u);
  EXPECT_EQ(b.dates[0].date, "2024-03-14");
  EXPECT_EQ(b.dates[0].kind, "admission");
  EXPECT_EQ(b.dates[1].date, "2024-03-15");
  EXPECT_EQ(b.dates[1].kind, "date_of_service");
  EXPECT_EQ(b.dates[2].date, "2024-03-14");
  EXPECT_EQ(b.dates[2].kind, "admission");
  EXPECT_EQ(b.dates[3].date, "2024-03-20");
  EXPECT_EQ(b.dates[3].kind, "discharge");
  EXPECT_EQ(b.dates[4].date, "2023-01-05");
  EXPECT_EQ(b.dates[4].kind, "visit");
}

// Month names are filtered by first letter and length before any compare: every month, short,
// long and "Sept", must pass, and words of a month's letter and length must not.
TEST(BasicsDates, EveryMonthNameAndNoLookAlike) {
  const char* const kNames[] = {"Jan",  "January", "Feb",    "February", "Mar",  "March",
                                "Apr",  "April",   "May",    "Jun",      "June", "Jul",
                                "July", "Aug",     "August", "Sep",      "Sept", "September",
                                "Oct",  "October", "Nov",    "November", "Dec",  "December"};
  for (const char* name : kNames) {
    const Basics b = BasicsOf(std::string("Seen on 5 ") + name + " 2023.");
    ASSERT_EQ(b.dates.size(), 1u) << name;
  }
  for (const char* word : {"and", "mayor", "junk", "a", "Augusta", "de", "Novembers"}) {
    EXPECT_TRUE(BasicsOf(std::string("Seen on 5 ") + word + " 2023.").dates.empty()) << word;
  }
}

TEST(BasicsDates, InvalidDatesAreSkipped) {
  EXPECT_TRUE(BasicsOf("Ratio 13/45/2024 and 2024-13-40.").dates.empty());
}

TEST(BasicsVitals, ReadsAllKinds) {
  const auto doc = AnalyzeOk(
      "Vitals: T 98.6 F, BP 142/88, HR 88, RR 16, SpO2 97% on RA.\n"
      "Weight: 82 kg. Ht 5'10\". BMI 31.2. Pulse 90. O2 sat 95%. Temp 37.2C");
  const Basics b = ExtractBasics(doc);
  std::vector<std::string> got;
  for (const Vital& v : b.vitals) got.push_back(v.name + "=" + v.value + " " + v.unit);
  EXPECT_EQ(got,
            (std::vector<std::string>{"temp=98.6 F", "bp=142/88 mmHg", "hr=88 bpm", "rr=16 /min",
                                      "spo2=97 %", "weight=82 kg", "height=5'10\" ft/in",
                                      "bmi=31.2 kg/m2", "hr=90 bpm", "spo2=95 %", "temp=37.2 C"}));
  EXPECT_EQ(TextOf(doc, b.vitals[1].span), "BP 142/88");
}

TEST(BasicsVitals, SingleLetterKeysNeedAVitalsContext) {
  EXPECT_TRUE(BasicsOf("Stage T 2 tumor of the colon.").vitals.empty());
  EXPECT_EQ(BasicsOf("T 101.2 P 110 R 22 BP 90/60").vitals.size(), 4u);
}

TEST(BasicsLists, MedicationsOnePerLineOrComma) {
  const Basics b = BasicsOf(
      "Medications:\n- metformin 500 mg PO BID\n- lisinopril 10 mg daily, aspirin 81 mg\n"
      "atorvastatin (Lipitor, 40 mg) nightly.\nAllergies: penicillin (rash); sulfa\n");
  std::vector<std::string> meds;
  for (const ListedItem& m : b.medications) meds.push_back(m.text);
  EXPECT_EQ(meds,
            (std::vector<std::string>{"metformin 500 mg PO BID", "lisinopril 10 mg daily",
                                      "aspirin 81 mg", "atorvastatin (Lipitor, 40 mg) nightly"}));
  std::vector<std::string> allergies;
  for (const ListedItem& a : b.allergies) allergies.push_back(a.text);
  EXPECT_EQ(allergies, (std::vector<std::string>{"penicillin (rash)", "sulfa"}));
  EXPECT_FALSE(b.no_known_allergies);
}

TEST(BasicsLists, NoKnownDrugAllergies) {
  for (const std::string_view text : {"Allergies: NKDA", "Allergies:\nNo known drug allergies.",
                                      "ALLERGIES\nNone", "HPI: cough. Pt is NKDA."}) {
    const Basics b = BasicsOf(text);
    EXPECT_TRUE(b.no_known_allergies) << text;
    EXPECT_TRUE(b.allergies.empty()) << text;
  }
}

TEST(BasicsLists, NoMedicationsGivesNoItems) {
  EXPECT_TRUE(BasicsOf("Meds: none").medications.empty());
}

}  // namespace
}  // namespace notecoder::nlp
