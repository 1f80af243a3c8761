// Age and sex. Explicit statements win over weak evidence: "65 y/o", "65-year-old", "age 65",
// "65M" first; "65 F" only early in the note; pronouns only when nothing explicit exists.
#include <algorithm>
#include <string>

#include "nlp/basics_internal.hpp"

namespace notecoder::nlp::basics_internal {
namespace {

constexpr std::uint32_t kEarlySentences = 5;  // demographics live at the top of a note
constexpr int kMaxAge = 120;

struct AgeHit {
  int years = 0;
  Span span;
  std::uint32_t after = 0;  // index of the token after the pattern
  std::string_view sex;     // from a fused suffix such as "65M"
};

std::string_view SexWord(std::string_view norm) {
  if (norm == "male" || norm == "man" || norm == "gentleman" || norm == "boy" || norm == "m" ||
      norm == "gent") {
    return "male";
  }
  if (norm == "female" || norm == "woman" || norm == "lady" || norm == "girl" || norm == "f") {
    return "female";
  }
  return {};
}

// "y/o", "y.o.", "yo", "yr old", "year-old", "years old": the tokens from `j` that say "years
// old"; returns the index after them, or j when there are none.
std::uint32_t MatchYearsOld(const Document& doc, std::uint32_t j, std::uint32_t end) {
  const auto& t = doc.tokens;
  // Both arms are string_views: `k < end ? t[k].norm : ""` would copy the norm into a temporary
  // std::string and return a view of it (clang: -Wreturn-stack-address).
  auto norm = [&](std::uint32_t k) {
    return k < end ? std::string_view(t[k].norm) : std::string_view();
  };
  const std::uint32_t start = j;
  while (norm(j) == "-") ++j;
  const std::string_view w = norm(j);
  if (w == "y" && (norm(j + 1) == "/" || norm(j + 1) == ".") && norm(j + 2) == "o") {
    j += 3;
    if (norm(j) == "." && Adjacent(t[j - 1], t[j])) ++j;
    return j;
  }
  if (w == "yo" || w == "yom" || w == "yof") return j + 1;
  if (w == "yr" || w == "yrs" || w == "year" || w == "years") {
    // "for 10 years" is a duration, so only "years old" and "years of age" count.
    std::uint32_t k = j + 1;
    while (norm(k) == "-") ++k;
    if (norm(k) == "old") return k + 1;
    if (norm(k) == "of" && norm(k + 1) == "age") return k + 2;
  }
  return start;  // "3-month follow-up": no age here
}

std::optional<AgeHit> FindAgeInSentence(const Document& doc, std::uint32_t s) {
  const auto& t = doc.tokens;
  const std::uint32_t begin = doc.sentence_token_begin[s];
  const std::uint32_t end = doc.sentence_token_end[s];
  for (std::uint32_t i = begin; i < end; ++i) {
    const std::string_view norm = t[i].norm;
    if (t[i].kind == TokenKind::kNumber) {
      const auto v = ParseInt(norm);
      if (!v || *v > kMaxAge) continue;
      const std::uint32_t after = MatchYearsOld(doc, i + 1, end);
      if (after > i + 1) return AgeHit{*v, Span{t[i].span.begin, t[after - 1].span.end}, after, {}};
      continue;
    }
    if (t[i].kind == TokenKind::kWord && (norm == "age" || norm == "aged")) {
      std::uint32_t j = i + 1;
      while (j < end &&
             (t[j].norm == ":" || t[j].norm == "of" || t[j].norm == "is" || t[j].norm == "=")) {
        ++j;
      }
      if (j < end && t[j].kind == TokenKind::kNumber) {
        if (const auto v = ParseInt(t[j].norm); v && *v <= kMaxAge) {
          return AgeHit{*v, Span{t[i].span.begin, t[j].span.end}, j + 1, {}};
        }
      }
      continue;
    }
    // Fused forms: "65yo", "65yom", "65M", "65F".
    const std::size_t digits = DigitPrefix(norm);
    if (digits == 0 || digits > 3) continue;
    const auto v = ParseInt(norm.substr(0, digits));
    if (!v || *v > kMaxAge) continue;
    const std::string_view suffix = norm.substr(digits);
    std::string_view sex;
    if (suffix == "yom" || suffix == "m") sex = "male";
    if (suffix == "yof" || suffix == "f") sex = "female";
    const bool years = suffix == "yo" || suffix == "yom" || suffix == "yof" || suffix == "y";
    if (years || (!sex.empty() && s < kEarlySentences)) {
      std::uint32_t after = i + 1;
      if (suffix == "y") {  // "65y/o"; a bare "65y" is too ambiguous
        if (!(after + 1 < end && t[after].norm == "/" && t[after + 1].norm == "o")) continue;
        after += 2;
      }
      return AgeHit{*v, Span{t[i].span.begin, t[after - 1].span.end}, after, sex};
    }
  }
  return std::nullopt;
}

// Weak form "65 F" / "65 M" at the start of the note, not after a vital sign keyword.
std::optional<AgeHit> FindWeakAge(const Document& doc) {
  const auto& t = doc.tokens;
  const auto sentences = std::min<std::uint32_t>(kEarlySentences, doc.sentences.size());
  for (std::uint32_t s = 0; s < sentences; ++s) {
    const std::uint32_t end = doc.sentence_token_end[s];
    for (std::uint32_t i = doc.sentence_token_begin[s]; i + 1 < end; ++i) {
      if (t[i].kind != TokenKind::kNumber) continue;
      const auto v = ParseInt(t[i].norm);
      const std::string_view next = t[i + 1].norm;
      if (!v || *v > kMaxAge || (next != "m" && next != "f")) continue;
      if (i > 0 && t[i - 1].sentence == s) {
        const std::string_view prev = t[i - 1].norm;
        if (prev == "t" || prev == "temp" || prev == "temperature" || prev == "tmax" ||
            prev == ":" || prev == "/" || prev == "." || prev == "-") {
          continue;
        }
      }
      return AgeHit{*v, Span{t[i].span.begin, t[i + 1].span.end}, i + 2, SexWord(next)};
    }
  }
  return std::nullopt;
}

void SetSex(Basics& out, std::string_view sex, Span span) {
  out.sex = std::string(sex);
  out.sex_span = span;
}

}  // namespace

void ExtractAgeSex(const Document& doc, Basics& out) {
  const auto& t = doc.tokens;
  std::optional<AgeHit> hit;
  for (std::uint32_t s = 0; s < doc.sentences.size() && !hit; ++s) hit = FindAgeInSentence(doc, s);
  if (!hit) hit = FindWeakAge(doc);
  if (hit) {
    out.age_years = hit->years;
    out.age_span = hit->span;
    if (!hit->sex.empty()) {
      SetSex(out, hit->sex, hit->span);
    } else {
      // "65 y/o male", "65-year-old woman": a sex word within a few tokens after the age.
      const std::uint32_t end = doc.sentence_token_end[t[hit->after - 1].sentence];
      for (std::uint32_t i = hit->after; i < std::min(end, hit->after + 4); ++i) {
        if (const auto sex = SexWord(t[i].norm); !sex.empty() && t[i].norm.size() > 1) {
          SetSex(out, sex, t[i].span);
          break;
        }
        if (t[i].norm == "m" || t[i].norm == "f") {
          SetSex(out, SexWord(t[i].norm), t[i].span);
          break;
        }
      }
    }
  }
  if (!out.sex.empty()) return;

  // "Sex: F", "Gender: male".
  for (std::uint32_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].norm != "sex" && t[i].norm != "gender") continue;
    std::uint32_t j = i + 1;
    if (j < t.size() && t[j].norm == ":") ++j;
    if (j < t.size() && t[j].sentence == t[i].sentence) {
      if (const auto sex = SexWord(t[j].norm); !sex.empty()) {
        SetSex(out, sex, t[j].span);
        return;
      }
    }
  }
  // Explicit words and titles early in the note.
  const auto early = std::min<std::uint32_t>(kEarlySentences, doc.sentences.size());
  const std::uint32_t early_end = early == 0 ? 0 : doc.sentence_token_end[early - 1];
  for (std::uint32_t i = 0; i < early_end; ++i) {
    const std::string_view n = t[i].norm;
    std::string_view sex = n.size() > 1 ? SexWord(n) : std::string_view{};
    if (n == "mr") sex = "male";
    if (n == "mrs" || n == "ms") sex = "female";
    if (!sex.empty()) {
      SetSex(out, sex, t[i].span);
      return;
    }
  }
  // Pronouns: weak evidence, used only when one side clearly dominates; family-history text
  // talks about relatives, not the patient.
  int male = 0;
  int female = 0;
  std::optional<Span> first_male;
  std::optional<Span> first_female;
  for (const Token& token : t) {
    if (doc.SectionOf(token.sentence) == SectionKind::kFamilyHistory) continue;
    const std::string_view n = token.norm;
    if (n == "he" || n == "him" || n == "his" || n == "himself") {
      ++male;
      if (!first_male) first_male = token.span;
    } else if (n == "she" || n == "her" || n == "hers" || n == "herself") {
      ++female;
      if (!first_female) first_female = token.span;
    }
  }
  if (male > female) SetSex(out, "male", *first_male);
  if (female > male) SetSex(out, "female", *first_female);
}

}  // namespace notecoder::nlp::basics_internal
