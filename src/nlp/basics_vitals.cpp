// Vital signs: "BP 142/88", "HR: 88", "pulse 72", "RR 16", "T 98.6 F", "Temp 37.2C",
// "SpO2 97%", "O2 sat 95% on RA", "Wt 82 kg", "Ht 5'10\"", "BMI 31.2".
#include <algorithm>
#include <array>
#include <bit>
#include <string>

#include "infra/string_head.hpp"
#include "nlp/basics_internal.hpp"

namespace notecoder::nlp::basics_internal {
namespace {

struct VitalKey {
  std::string_view phrase1;  // first token norm
  std::string_view phrase2;  // second token norm, or empty
  std::string_view name;
  bool single_letter;  // "T", "P", "R": only in a vitals context
};

constexpr std::array<VitalKey, 31> kKeys = {{
    {"bp", "", "bp", false},
    {"blood", "pressure", "bp", false},
    {"nibp", "", "bp", false},
    {"hr", "", "hr", false},
    {"pulse", "ox", "spo2", false},
    {"pulse", "", "hr", false},
    {"heart", "rate", "hr", false},
    {"p", "", "hr", true},
    {"rr", "", "rr", false},
    {"resp", "rate", "rr", false},
    {"resp", "", "rr", false},
    {"respiratory", "rate", "rr", false},
    {"respirations", "", "rr", false},
    {"r", "", "rr", true},
    {"temp", "", "temp", false},
    {"temperature", "", "temp", false},
    {"tmax", "", "temp", false},
    {"t", "", "temp", true},
    {"spo2", "", "spo2", false},
    {"sao2", "", "spo2", false},
    {"o2sat", "", "spo2", false},
    {"o2", "sat", "spo2", false},
    {"o2", "sats", "spo2", false},
    {"o2", "saturation", "spo2", false},
    {"oxygen", "saturation", "spo2", false},
    {"pox", "", "spo2", false},
    {"weight", "", "weight", false},
    {"wt", "", "weight", false},
    {"height", "", "height", false},
    {"ht", "", "height", false},
    {"bmi", "", "bmi", false},
}};

// The lengths of the first words of the keys, a bit per length, by first letter.
constexpr std::array<std::uint32_t, 256> kFirst = [] {
  std::array<std::uint32_t, 256> first{};
  for (const VitalKey& key : kKeys) {
    if (!key.phrase1.empty() && key.phrase1.size() < 32) {
      first[static_cast<unsigned char>(key.phrase1.front())] |= 1u << key.phrase1.size();
    }
  }
  return first;
}();

// Whether `norm` has the first letter and the length of some key's first word. Nearly every
// token fails, and which ones do depends on the note: so one lookup and one bit test, combined
// without branches (an empty norm reads its terminating NUL, whose entry is empty).
bool MayStartKey(const std::string& norm) {
  const std::size_t n = norm.size();
  const std::uint32_t lengths = kFirst[static_cast<unsigned char>(norm.c_str()[0])];
  return (n < 32) & (((lengths >> (n & 31)) & 1u) != 0);
}

// The keys' phrases as heads and lengths: a token is compared with a phrase in three word
// compares folded into one test, where SameWord took a branch on the length and more on the
// bytes, each taken or not by the token at hand.
struct PhraseHead {
  infra::Head16 head;
  std::size_t size = 0;
};
struct KeyHeads {
  PhraseHead first;
  PhraseHead second;
};
constexpr std::array<KeyHeads, kKeys.size()> kKeyHeads = [] {
  std::array<KeyHeads, kKeys.size()> heads{};
  for (std::size_t k = 0; k < kKeys.size(); ++k) {
    heads[k] = {{infra::Head16Of(kKeys[k].phrase1), kKeys[k].phrase1.size()},
                {infra::Head16Of(kKeys[k].phrase2), kKeys[k].phrase2.size()}};
  }
  return heads;
}();
static_assert(std::all_of(kKeys.begin(), kKeys.end(), [](const VitalKey& key) {
  return key.phrase1.size() <= 16 && key.phrase2.size() <= 16;
}));

// Whether `norm` is the phrase (a norm longer than 16 bytes differs in length).
bool Is(const PhraseHead& phrase, const infra::Head16& head, std::size_t size) {
  return ((phrase.head.lo ^ head.lo) | (phrase.head.hi ^ head.hi) | (phrase.size ^ size)) == 0;
}

// Bit k set for key k whose first word starts with the letter (kByLetter) or has the length
// (kByLength): a token is compared only with the keys having both, one to three, in key order.
constexpr auto kByLetter = [] {
  std::array<std::uint32_t, 256> by{};
  for (std::size_t k = 0; k < kKeys.size(); ++k) {
    by[static_cast<unsigned char>(kKeys[k].phrase1.front())] |= 1u << k;
  }
  return by;
}();
constexpr auto kByLength = [] {
  std::array<std::uint32_t, 17> by{};
  for (std::size_t k = 0; k < kKeys.size(); ++k) by[kKeys[k].phrase1.size()] |= 1u << k;
  return by;
}();
static_assert(kKeys.size() <= 32);

// Matches a key at token i; returns the number of tokens it spans (0 if none).
const VitalKey* MatchKey(const std::vector<Token>& t, std::uint32_t i, std::uint32_t end,
                         std::uint32_t& len) {
  if (!MayStartKey(t[i].norm)) return nullptr;  // so the norm is 1 to 16 bytes long
  const std::string& norm = t[i].norm;
  const infra::Head16 first = infra::Head16OfString(norm);
  for (std::uint32_t keys = kByLetter[static_cast<unsigned char>(norm[0])] & kByLength[norm.size()];
       keys != 0; keys &= keys - 1) {
    const auto k = static_cast<std::size_t>(std::countr_zero(keys));
    if (!Is(kKeyHeads[k].first, first, norm.size())) continue;
    if (kKeys[k].phrase2.empty()) {
      len = 1;
      return &kKeys[k];
    }
    if (i + 1 < end &&
        Is(kKeyHeads[k].second, infra::Head16OfString(t[i + 1].norm), t[i + 1].norm.size())) {
      len = 2;
      return &kKeys[k];
    }
  }
  return nullptr;
}

bool IsUnit(std::string_view n) {
  return n == "f" || n == "c" || n == "kg" || n == "kgs" || n == "lb" || n == "lbs" ||
         n == "pounds" || n == "kilograms" || n == "cm" || n == "in" || n == "inches" || n == "m" ||
         n == "bpm" || n == "mmhg" || n == "%";
}

std::string_view CanonicalUnit(std::string_view n) {
  if (n == "f") return "F";
  if (n == "c") return "C";
  if (n == "kgs" || n == "kilograms" || n == "kg") return "kg";
  if (n == "lbs" || n == "pounds" || n == "lb") return "lb";
  if (n == "inches" || n == "in") return "in";
  if (n == "mmhg") return "mmHg";
  return n;
}

std::string_view DefaultUnit(std::string_view name) {
  if (name == "bp") return "mmHg";
  if (name == "hr") return "bpm";
  if (name == "rr") return "/min";
  if (name == "spo2") return "%";
  if (name == "bmi") return "kg/m2";
  return {};
}

class VitalReader {
 public:
  VitalReader(const Document& doc, std::uint32_t end) : doc_(doc), t_(doc.tokens), end_(end) {}

  // Reads the value after the key ending at token j; on success fills `v` and returns true.
  bool Read(std::string_view name, std::uint32_t key_begin, std::uint32_t j, Vital& v) const {
    while (j < end_ && (t_[j].norm == ":" || t_[j].norm == "=" || t_[j].norm == "of" ||
                        t_[j].norm == "is" || t_[j].norm == "was" || t_[j].norm == "-")) {
      ++j;
    }
    if (j >= end_) return false;
    const Token& first = t_[j];
    std::string value;
    std::string unit;
    std::uint32_t last = j;
    const std::size_t digits = DigitPrefix(first.norm);
    if (digits == 0) return false;
    if (name == "bp") {
      if (first.kind != TokenKind::kNumber || j + 2 >= end_ || t_[j + 1].norm != "/" ||
          t_[j + 2].kind != TokenKind::kNumber) {
        return false;
      }
      value = std::string(SpanText(doc_, Span{first.span.begin, t_[j + 2].span.end}));
      last = j + 2;
    } else if (name == "height" && first.kind == TokenKind::kNumber && j + 2 < end_ &&
               (t_[j + 1].norm == "'" || t_[j + 1].norm == "ft")) {
      value = std::string(SpanText(doc_, Span{first.span.begin, t_[j + 2].span.end}));
      last = j + 2;
      if (last + 1 < end_ && (t_[last + 1].norm == "\"" || t_[last + 1].norm == "in")) {
        value += '"';
        ++last;
      }
      unit = "ft/in";
    } else if (first.kind == TokenKind::kNumber) {
      value = std::string(SpanText(doc_, first.span));
    } else {
      // Fused unit: "98.6F" is split by the tokenizer, but "88bpm", "70kg", "97%"-less forms
      // arrive as one word.
      const std::string_view suffix = std::string_view(first.norm).substr(digits);
      if (!IsUnit(suffix)) return false;
      value = std::string(SpanText(doc_, first.span).substr(0, digits));
      unit = std::string(CanonicalUnit(suffix));
    }
    if (unit.empty() && last + 1 < end_) {
      std::uint32_t k = last + 1;
      if (t_[k].norm == "\xC2\xB0" || t_[k].norm == "degrees") ++k;  // "°F", "degrees F"
      if (k < end_ && IsUnit(t_[k].norm) && t_[k].norm != "m") {
        unit = std::string(CanonicalUnit(t_[k].norm));
        last = k;
      }
    }
    if (unit.empty()) unit = std::string(DefaultUnit(name));
    v = Vital{std::string(name), std::move(value), std::move(unit),
              Span{t_[key_begin].span.begin, t_[last].span.end}};
    return true;
  }

 private:
  const Document& doc_;
  const std::vector<Token>& t_;
  std::uint32_t end_;
};

bool IsVitalsContext(const Document& doc, std::uint32_t s) {
  const SectionKind kind = doc.SectionOf(s);
  if (kind == SectionKind::kVitals || kind == SectionKind::kPhysicalExam) return true;
  const auto& t = doc.tokens;
  for (std::uint32_t i = doc.sentence_token_begin[s]; i < doc.sentence_token_end[s]; ++i) {
    std::uint32_t len = 0;
    const VitalKey* key = MatchKey(t, i, doc.sentence_token_end[s], len);
    if (key && !key->single_letter) return true;
  }
  return false;
}

}  // namespace

void ExtractVitals(const Document& doc, Basics& out) {
  const auto& t = doc.tokens;
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const std::uint32_t begin = doc.sentence_token_begin[s];
    const std::uint32_t end = doc.sentence_token_end[s];
    const VitalReader reader(doc, end);
    int context = -1;  // computed lazily: most sentences hold no single-letter key
    for (std::uint32_t i = begin; i < end; ++i) {
      // Words only; tested together with the key filter, so most tokens cost one branch.
      if (!((t[i].kind == TokenKind::kWord) & MayStartKey(t[i].norm))) continue;
      std::uint32_t len = 0;
      const VitalKey* key = MatchKey(t, i, end, len);
      if (key == nullptr) continue;
      if (key->single_letter) {
        // "T 98.6", "P 88" only where vitals are being listed, and not inside words such as
        // "T-cell" or a "Stage T2".
        if (i + 1 >= end || t[i + 1].kind != TokenKind::kNumber) continue;
        if (context < 0) context = IsVitalsContext(doc, s) ? 1 : 0;
        if (context == 0) continue;
      }
      Vital vital;
      if (reader.Read(key->name, i, i + len, vital)) {
        out.vitals.push_back(std::move(vital));
        i += len;
      }
    }
  }
}

}  // namespace notecoder::nlp::basics_internal
