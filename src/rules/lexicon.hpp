#pragma once
// Our own curated clinical vocabulary: abbreviations and synonyms clinicians write that the
// Alphabetic Index does not spell, the index main terms too generic to code on their own, and
// the chronic conditions that stay current when listed under past history.
#include <span>
#include <string_view>

namespace notecoder::rules {

// Where an expansion may apply (bit flags); ambiguous abbreviations are refused in the wrong
// place: "PE:" is the exam header, "on RA" is room air, "cap refill" is not pneumonia.
namespace guard {
inline constexpr unsigned char kAlways = 0;
inline constexpr unsigned char kNotInExam = 1;   // not in the physical exam, not before ':'
inline constexpr unsigned char kUpperOnly = 2;   // only when written in capitals
inline constexpr unsigned char kNotAfterOn = 4;  // not after "on" / before "air"
// The expansion is a qualifier ("both knees" → "bilateral knee"), not a condition: its words
// may modify a nearby main term one by one.
inline constexpr unsigned char kQualifier = 8;
}  // namespace guard

struct Expansion {
  std::string_view pattern;      // words as written, lower case, punctuation-insensitive ("a fib")
  std::string_view replacement;  // words the index knows ("atrial fibrillation")
  unsigned char guards = guard::kAlways;
};

std::span<const Expansion> Expansions();

// Index main-term variants (lower case) that never justify a code without a matching subterm:
// everyday words ("history", "status", "care") and umbrella nouns ("disease", "disorder").
std::span<const std::string_view> BareMainTermStoplist();

// Main terms whose title qualifies its noun after a comma ("Fracture, traumatic"): notes write
// the noun alone, which then reads as that main term. {noun, full title}.
struct HeadAlias {
  std::string_view noun;
  std::string_view main_term;
};
std::span<const HeadAlias> HeadAliases();

// Index main terms (lower case) this engine never codes from: encounter reasons and
// administrative words ("follow-up", "screening", "examination") that notes use in passing; the
// encounter reason is not a diagnosis found in the text.
std::span<const std::string_view> NeverMainTerms();

// Words that make a nearby condition a matter of prevention, not a diagnosis ("flu shot",
// "colon cancer screening", "pneumonia vaccine").
std::span<const std::string_view> PreventionWords();

// Main terms (lower case) whose codes are findings rather than diagnoses even outside chapter R
// ("ankle swelling" M25.47-, "wrist deformity"): treated like symptoms when coding.
std::span<const std::string_view> FindingMainTerms();

// Code prefixes (dotted form, e.g. "I10", "E11", "G47.3") of chronic conditions: listed in past
// history or after "history of", they are still current and coded as present.
std::span<const std::string_view> ChronicCodePrefixes();
}  // namespace notecoder::rules
