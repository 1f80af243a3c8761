// Composes one synthetic note from the label pool (see synthetic_notes.hpp).
#include "ml/synthetic_notes.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "ml/seeded_random.hpp"

namespace notecoder::ml {
namespace {

template <class T>
const T& Pick(SeededRandom& rng, const std::vector<T>& items) {
  return items[rng.Below(items.size())];
}
template <std::size_t N>
std::string_view Pick(SeededRandom& rng, const std::array<std::string_view, N>& items) {
  return items[rng.Below(N)];
}

std::string Capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// Replaces the one "{}" of `pattern` with `value`.
std::string Fill(std::string_view pattern, std::string_view value) {
  const auto at = pattern.find("{}");
  std::string out(pattern.substr(0, at));
  out += value;
  out += pattern.substr(at + 2);
  return out;
}

constexpr std::array<std::string_view, 7> kNegated = {"Denies {}.",
                                                      "No {}.",
                                                      "Negative for {}.",
                                                      "No evidence of {}.",
                                                      "{} has been ruled out.",
                                                      "No history of {}.",
                                                      "Patient denies any {}."};
constexpr std::array<std::string_view, 6> kFamily = {"Mother had {}.",
                                                     "Father with {}.",
                                                     "Family history of {} in her sister.",
                                                     "Brother was diagnosed with {}.",
                                                     "Maternal grandmother had {}.",
                                                     "Father died of {} at 70."};
constexpr std::array<std::string_view, 6> kHypothetical = {
    "Return to the emergency department if {} develops.",
    "Call the clinic if {} occurs.",
    "Watch for signs of {}.",
    "Discussed the risk of {}.",
    "If {} develops, seek care right away.",
    "Counseled to return for any signs of {}."};
constexpr std::array<std::string_view, 6> kVisit = {"routine follow-up",  "a scheduled visit",
                                                    "hospital follow-up", "an annual examination",
                                                    "medication review",  "evaluation"};
constexpr std::array<std::string_view, 4> kSocial = {
    "Never smoker. Drinks alcohol socially.", "Never smoker. No alcohol or drug use.",
    "Lives with spouse, retired teacher. No tobacco.",
    "Works in construction. Denies tobacco use."};
constexpr std::array<std::string_view, 5> kAllergies = {
    "NKDA.", "Penicillin (rash).", "Sulfa drugs (hives).", "No known drug allergies.",
    "Codeine (nausea)."};
constexpr std::array<std::string_view, 5> kOtherMeds = {
    "multivitamin daily", "vitamin D3 1000 units daily", "fish oil 1 g daily",
    "acetaminophen as needed", "melatonin 3 mg nightly"};
constexpr std::array<std::string_view, 5> kGenericFindings = {
    "symptoms have been stable", "reports good adherence to treatment",
    "was seen for this at an outside clinic", "notes gradual worsening over the past month",
    "reviewed prior records"};
constexpr std::array<std::string_view, 5> kGenericPlans = {
    "continue current management", "follow up in clinic in 3 months", "labs ordered",
    "specialist referral placed", "patient education provided"};

// Per-note counts: how many labels a note has (1 to 5), weighted towards 2 and 3.
std::size_t LabelCount(SeededRandom& rng) {
  constexpr std::array<std::size_t, 20> kCounts = {1, 1, 1, 2, 2, 2, 2, 2, 2, 3,
                                                   3, 3, 3, 3, 3, 4, 4, 4, 5, 5};
  return kCounts[rng.Below(kCounts.size())];
}

bool SameCategory(const SyntheticCondition& a, const SyntheticCondition& b) {
  return a.code.compare(0, 3, b.code, 0, 3) == 0;
}

}  // namespace

LabelledNote SyntheticNotes::Generate(std::uint64_t seed, std::uint64_t index) const {
  SeededRandom rng = SeededRandom::ForItem(seed, index);
  const std::size_t pool = conditions_.size();
  // Labels: half the draws from the hand-written conditions (the common ones), half from the
  // whole pool; never two codes of one category (a note says "T2DM with CKD" or "T2DM
  // uncomplicated", not both).
  std::vector<std::size_t> chosen;
  const std::size_t wanted = std::min(LabelCount(rng), pool);
  auto conflicts = [&](std::size_t c) {
    return std::any_of(chosen.begin(), chosen.end(),
                       [&](std::size_t o) { return SameCategory(conditions_[o], conditions_[c]); });
  };
  for (int tries = 0; chosen.size() < wanted && tries < 50; ++tries) {
    const std::size_t c = rng.Chance(0.5) ? rng.Below(curated_) : rng.Below(pool);
    if (!conflicts(c)) chosen.push_back(c);
  }
  // Distractors: conditions of the pool that this note mentions but does not assert.
  auto distractor = [&]() -> const SyntheticCondition* {
    for (int tries = 0; tries < 20; ++tries) {
      const std::size_t c = rng.Chance(0.6) ? rng.Below(curated_) : rng.Below(pool);
      if (!conflicts(c)) return &conditions_[c];
    }
    return nullptr;
  };
  auto name_of = [&](const SyntheticCondition& c) { return Pick(rng, c.names); };

  std::string note;
  note.reserve(2048);
  const auto& first = conditions_[chosen.front()];
  const int age = 25 + static_cast<int>(rng.Below(66));
  const bool female = rng.Chance(0.5);
  note += "CHIEF COMPLAINT: " + Capitalized(name_of(first)) + " follow-up.\n\n";
  note += "HISTORY OF PRESENT ILLNESS:\n" + std::to_string(age) + "-year-old " +
          (female ? "woman" : "man") + " presents for " + std::string(Pick(rng, kVisit)) + " of " +
          name_of(first) + ". ";
  note += Capitalized(first.findings.empty() || rng.Chance(0.3)
                          ? std::string(Pick(rng, kGenericFindings))
                          : Pick(rng, first.findings)) +
          ". ";
  const std::size_t negated = rng.Below(3);
  for (std::size_t i = 0; i < negated; ++i) {
    if (const auto* d = distractor())
      note += Capitalized(Fill(Pick(rng, kNegated), name_of(*d))) + " ";
  }
  note += "\n\nPAST MEDICAL HISTORY:\n";
  for (std::size_t c : chosen) {
    if (rng.Chance(0.8)) note += "- " + Capitalized(name_of(conditions_[c])) + "\n";
  }
  note += "\nMEDICATIONS:\n";
  for (std::size_t c : chosen) {
    if (!conditions_[c].meds.empty() && rng.Chance(0.7)) {
      note += "- " + Pick(rng, conditions_[c].meds) + "\n";
    }
  }
  if (rng.Chance(0.6)) note += "- " + std::string(Pick(rng, kOtherMeds)) + "\n";
  note += "\nALLERGIES: " + std::string(Pick(rng, kAllergies)) + "\n\n";
  note += "FAMILY HISTORY: ";
  const auto* family = rng.Chance(0.5) ? distractor() : nullptr;
  note += family ? Fill(Pick(rng, kFamily), name_of(*family)) : std::string("Noncontributory.");
  note += "\n\nSOCIAL HISTORY: " + std::string(Pick(rng, kSocial)) + "\n\n";
  note += "REVIEW OF SYSTEMS: ";
  if (const auto* d = rng.Chance(0.6) ? distractor() : nullptr) {
    note += "Negative for " + name_of(*d) + ". ";
  }
  note += "Otherwise negative except as noted in the HPI.\n\n";
  note += "PHYSICAL EXAM:\nVitals: BP " + std::to_string(110 + rng.Below(50)) + "/" +
          std::to_string(60 + rng.Below(35)) + ", HR " + std::to_string(58 + rng.Below(50)) +
          ", SpO2 " + std::to_string(92 + rng.Below(8)) + "% on room air.\n";
  for (std::size_t c : chosen) {
    const auto& cond = conditions_[c];
    if (!cond.findings.empty() && rng.Chance(0.5))
      note += Capitalized(Pick(rng, cond.findings)) + ".\n";
  }
  note += "General: alert, no acute distress.\n\nASSESSMENT AND PLAN:\n";
  int item = 1;
  for (std::size_t c : chosen) {
    const auto& cond = conditions_[c];
    const std::string plan = cond.plans.empty() || rng.Chance(0.2)
                                 ? std::string(Pick(rng, kGenericPlans))
                                 : Pick(rng, cond.plans);
    note += std::to_string(item++) + ". " + Capitalized(name_of(cond)) + ": " + plan + ".\n";
  }
  if (const auto* d = rng.Chance(0.5) ? distractor() : nullptr) {
    note += Capitalized(Fill(Pick(rng, kHypothetical), name_of(*d))) + "\n";
  }

  LabelledNote out;
  out.note = std::move(note);
  for (std::size_t c : chosen) out.codes.push_back(conditions_[c].code);
  std::sort(out.codes.begin(), out.codes.end());
  return out;
}

namespace {

void AppendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += ch;  // UTF-8 passes through unchanged
    }
  }
  out += '"';
}

}  // namespace

void AppendJsonLine(const LabelledNote& note, std::string& out) {
  out += "{\"note\": ";
  AppendJsonString(note.note, out);
  out += ", \"codes\": [";
  for (std::size_t i = 0; i < note.codes.size(); ++i) {
    if (i > 0) out += ", ";
    AppendJsonString(note.codes[i], out);
  }
  out += "]}\n";
}

}  // namespace notecoder::ml
