#include "rules/status_codes.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string_view>
#include <vector>

#include "nlp/word_list.hpp"
#include "nlp/word_table.hpp"

namespace notecoder::rules {
namespace {

struct DrugClass {
  std::string_view code;
  std::string_view drugs[24];
};

// Our own table of common generic and brand names per long-term therapy code.
constexpr DrugClass kDrugClasses[] = {
    {"Z79.4",
     {"insulin", "glargine", "lantus", "basaglar", "toujeo", "lispro", "humalog", "aspart",
      "novolog", "detemir", "levemir", "degludec", "tresiba", "nph", "humulin", "novolin"}},
    {"Z79.84",
     {"metformin", "glipizide", "glyburide", "glimepiride", "sitagliptin", "januvia", "linagliptin",
      "saxagliptin", "empagliflozin", "jardiance", "dapagliflozin", "farxiga", "canagliflozin",
      "pioglitazone", "repaglinide", "janumet", "synjardy"}},
    {"Z79.85",
     {"semaglutide", "ozempic", "liraglutide", "victoza", "dulaglutide", "trulicity", "tirzepatide",
      "mounjaro", "exenatide"}},
    {"Z79.01",
     {"warfarin", "coumadin", "apixaban", "eliquis", "rivaroxaban", "xarelto", "dabigatran",
      "pradaxa", "edoxaban"}},
    {"Z79.02",
     {"clopidogrel", "plavix", "prasugrel", "effient", "ticagrelor", "brilinta", "cilostazol"}},
    {"Z79.82", {"aspirin", "asa"}},
    {"Z79.52",
     {"prednisone", "prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone"}},
    {"Z79.631", {"methotrexate"}},
    {"Z79.810", {"tamoxifen", "raloxifene"}},
    {"Z79.811", {"anastrozole", "letrozole", "exemestane", "arimidex", "femara"}},
    {"Z79.83", {"alendronate", "fosamax", "risedronate", "ibandronate", "zoledronic"}},
    {"Z79.891",
     {"oxycodone", "hydrocodone", "morphine", "hydromorphone", "methadone", "buprenorphine",
      "fentanyl", "tramadol", "tapentadol", "percocet", "norco"}},
};

// Words in a medication line that mean the drug is not taken long-term now.
constexpr auto kStopped = nlp::MakeWordList("stopped", "discontinued", "discontinue", "held",
                                            "hold", "stop", "d/c", "completed", "finished", "prn",
                                            // a short course is not long-term therapy
                                            "taper", "tapering", "course", "burst", "x");

// "," or ";" without a string compare per token of a medication list.
bool IsItemSeparator(std::string_view w) { return w.size() == 1 && (w[0] == ',' || w[0] == ';'); }

bool IsMedicationSection(nlp::SectionKind k) { return k == nlp::SectionKind::kMedications; }

bool HasCode(const std::vector<CodedDiagnosis>& coded, std::string_view prefix) {
  return std::any_of(coded.begin(), coded.end(),
                     [&](const CodedDiagnosis& c) { return c.code.starts_with(prefix); });
}

// Drug word → the classes listing it, in table order: a medication list's every word used to be
// compared with every drug of every class.
constexpr std::uint8_t kEndOfClasses = 0xFF;
struct DrugIndex {
  nlp::WordTable first_class;         // drug → offset in `classes` of its run
  std::vector<std::uint8_t> classes;  // runs of class indices, each ended by kEndOfClasses
};

const DrugIndex& Drugs() {
  static const DrugIndex index = [] {
    static_assert(std::size(kDrugClasses) < kEndOfClasses);
    std::vector<std::string_view> words;
    for (const auto& cls : kDrugClasses) {
      for (const std::string_view d : cls.drugs) {
        if (!d.empty()) words.push_back(d);
      }
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    DrugIndex built;
    for (const std::string_view w : words) {
      built.first_class.Insert(w, static_cast<std::uint32_t>(built.classes.size()));
      for (std::size_t c = 0; c < std::size(kDrugClasses); ++c) {
        const auto& drugs = kDrugClasses[c].drugs;
        if (std::find(std::begin(drugs), std::end(drugs), w) != std::end(drugs))
          built.classes.push_back(static_cast<std::uint8_t>(c));
      }
      built.classes.push_back(kEndOfClasses);
    }
    return built;
  }();
  return index;
}

void Add(const codes::Codebook& book, std::string_view code, nlp::Span evidence,
         std::string rationale, std::vector<CodedDiagnosis>& coded) {
  const auto id = book.Find(code);
  if (!id || !book.IsBillable(*id)) return;
  for (auto& c : coded) {
    if (c.code == book.Code(*id)) {
      c.evidence.push_back(evidence);
      return;
    }
  }
  CodedDiagnosis c;
  c.code = std::string(book.Code(*id));
  c.description = std::string(book.Title(*id));
  c.score = 0.7;
  c.evidence.push_back(evidence);
  c.section = "medications";
  c.rationale = std::move(rationale);
  coded.push_back(std::move(c));
}

// One medication item ("apixaban 5 mg BID"): its drugs, unless the item says it is stopped,
// held or taken only as needed.
void AddItemCodes(const codes::Codebook& book, const nlp::Document& doc, std::uint32_t tb,
                  std::uint32_t te, bool type1, std::vector<CodedDiagnosis>& coded) {
  for (std::uint32_t t = tb; t < te; ++t) {
    if (kStopped.Contains(doc.tokens[t].norm)) return;
  }
  const DrugIndex& drugs = Drugs();
  for (std::uint32_t t = tb; t < te; ++t) {
    const std::uint32_t at = drugs.first_class.Find(doc.tokens[t].norm);
    if (at == nlp::WordTable::kMissing) continue;
    for (std::uint32_t k = at; drugs.classes[k] != kEndOfClasses; ++k) {
      const DrugClass& cls = kDrugClasses[drugs.classes[k]];
      if (cls.code == "Z79.4" && type1) continue;  // insulin is inherent to type 1 diabetes
      Add(book, cls.code, doc.tokens[t].span,
          "long-term (current) drug therapy: listed in the medications", coded);
    }
  }
}

}  // namespace

void AddMedicationStatusCodes(const codes::Codebook& book, const nlp::Document& doc,
                              std::vector<CodedDiagnosis>& coded) {
  const bool type1 = HasCode(coded, "E10");
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    if (!IsMedicationSection(doc.SectionOf(s))) continue;
    const std::uint32_t tb = doc.sentence_token_begin[s];
    const std::uint32_t te = doc.sentence_token_end[s];
    // One medication per item: a line may list several, separated by commas or semicolons.
    for (std::uint32_t ib = tb; ib < te;) {
      std::uint32_t ie = ib;
      while (ie < te && !IsItemSeparator(doc.tokens[ie].norm)) ++ie;
      AddItemCodes(book, doc, ib, ie, type1, coded);
      ib = ie + 1;
    }
  }
}

namespace {

struct ProcedureStatus {
  std::string_view pattern;  // lower-case words as tokenized ("tka", "total knee arthroplasty")
  std::string_view code;     // header or billable; refined by laterality words
};

// Our own table of common procedures whose status a coder reports.
constexpr ProcedureStatus kProcedures[] = {
    {"total knee arthroplasty", "Z96.65"},
    {"knee arthroplasty", "Z96.65"},
    {"knee replacement", "Z96.65"},
    {"tka", "Z96.65"},
    {"tkr", "Z96.65"},
    {"total hip arthroplasty", "Z96.64"},
    {"hip arthroplasty", "Z96.64"},
    {"hip replacement", "Z96.64"},
    {"tha", "Z96.64"},
    {"thr", "Z96.64"},
    {"cabg", "Z95.1"},
    {"coronary artery bypass", "Z95.1"},
    {"aortocoronary bypass", "Z95.1"},
    {"coronary stent", "Z95.5"},
    {"drug eluting stent", "Z95.5"},
    {"des", "Z95.5"},
    {"pacemaker", "Z95.0"},
    {"kidney transplant", "Z94.0"},
    {"renal transplant", "Z94.0"},
    {"liver transplant", "Z94.4"},
    {"heart transplant", "Z94.1"},
    {"lung transplant", "Z94.2"},
};

// Words that say the procedure was done before this note.
constexpr auto kDone = nlp::MakeWordList("s", "status", "post", "h", "o", "history", "prior",
                                         "previous", "underwent", "had", "remote");
// Words that make it planned, refused or someone else's.
constexpr auto kNotDone =
    nlp::MakeWordList("planned", "scheduled", "candidate", "consider", "considering", "referral",
                      "referred", "before", "for", "will", "needs", "need", "brother", "sister",
                      "mother", "father", "son", "daughter", "no", "denies", "without");

struct ProcedurePattern {
  std::vector<std::string> words;
  std::string_view code;
};

const std::vector<ProcedurePattern>& ProcedurePatterns() {
  static const std::vector<ProcedurePattern> patterns = [] {
    std::vector<ProcedurePattern> v;
    for (const auto& p : kProcedures) {
      ProcedurePattern pattern{{}, p.code};
      std::size_t pos = 0;
      while (pos <= p.pattern.size()) {
        const std::size_t space = p.pattern.find(' ', pos);
        const std::size_t end = space == std::string_view::npos ? p.pattern.size() : space;
        pattern.words.emplace_back(p.pattern.substr(pos, end - pos));
        pos = end + 1;
      }
      v.push_back(std::move(pattern));
    }
    return v;
  }();
  return patterns;
}

// First word → the patterns starting with it, in table order: a word that starts a pattern
// used to be compared with the first word of every pattern.
constexpr std::uint8_t kEndOfPatterns = 0xFF;
struct ProcedureStarts {
  nlp::WordTable first;                // first word → offset in `patterns` of its run
  std::vector<std::uint8_t> patterns;  // runs of pattern indices, each ended by kEndOfPatterns
  // By first letter: a bit per length of a first word (31 = longer), so most words are
  // refused without hashing.
  std::array<std::uint32_t, 256> lengths{};
};

const ProcedureStarts& Starts() {
  static const ProcedureStarts starts = [] {
    const auto& patterns = ProcedurePatterns();
    static_assert(std::size(kProcedures) < kEndOfPatterns);
    ProcedureStarts built;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      const std::string& w = patterns[i].words.front();
      built.lengths[static_cast<unsigned char>(w.front())] |=
          1u << std::min<std::size_t>(w.size(), 31);
      if (built.first.Find(w) != nlp::WordTable::kMissing) continue;  // its run is written
      built.first.Insert(w, static_cast<std::uint32_t>(built.patterns.size()));
      for (std::size_t j = i; j < patterns.size(); ++j) {
        if (patterns[j].words.front() == w) built.patterns.push_back(static_cast<std::uint8_t>(j));
      }
      built.patterns.push_back(kEndOfPatterns);
    }
    return built;
  }();
  return starts;
}

// The offset in starts.patterns of the patterns starting with `word`, or kMissing.
std::uint32_t ProceduresStartingWith(const ProcedureStarts& starts, const std::string& word) {
  if (word.empty() || !(starts.lengths[static_cast<unsigned char>(word.front())] &
                        (1u << std::min<std::size_t>(word.size(), 31)))) {
    return nlp::WordTable::kMissing;
  }
  return starts.first.Find(word);
}

}  // namespace

void AddProcedureStatusCodes(const codes::Codebook& book, const nlp::Document& doc,
                             std::vector<CodedDiagnosis>& coded) {
  const ProcedureStarts& starts = Starts();
  const std::vector<ProcedurePattern>& patterns = ProcedurePatterns();
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const nlp::SectionKind section = doc.SectionOf(s);
    if (section == nlp::SectionKind::kFamilyHistory || section == nlp::SectionKind::kMedications ||
        section == nlp::SectionKind::kAllergies || section == nlp::SectionKind::kPlan) {
      continue;
    }
    const std::uint32_t tb = doc.sentence_token_begin[s];
    const std::uint32_t te = doc.sentence_token_end[s];
    for (std::uint32_t t = tb; t < te; ++t) {
      // Most words start no procedure: one lookup rejects them.
      const std::uint32_t run = ProceduresStartingWith(starts, doc.tokens[t].norm);
      if (run == nlp::WordTable::kMissing) continue;
      for (std::uint32_t r = run; starts.patterns[r] != kEndOfPatterns; ++r) {
        const ProcedurePattern& proc = patterns[starts.patterns[r]];
        // Match the pattern's words on consecutive word tokens (punctuation skipped).
        std::uint32_t k = t;
        bool ok = true;
        for (std::size_t w = 0; ok && w < proc.words.size(); ++w) {
          while (k < te && doc.tokens[k].kind == nlp::TokenKind::kPunct) ++k;
          ok = k < te && doc.tokens[k].norm == proc.words[w];
          ++k;
        }
        if (!ok) continue;
        // The words before it in the sentence decide whether it was done.
        bool done = section == nlp::SectionKind::kPastSurgicalHistory;
        bool not_done = false;
        for (std::uint32_t b = tb; b < t; ++b) {
          done |= kDone.Contains(doc.tokens[b].norm);
          not_done |= kNotDone.Contains(doc.tokens[b].norm);
        }
        if (!done || not_done) continue;
        auto id = book.Find(proc.code);
        if (!id) continue;
        // Laterality and the like: the child whose title words the sentence has.
        while (!book.IsBillable(*id)) {
          codes::CodeId best = codes::kNone;
          for (codes::CodeId child : book.Children(*id)) {
            const std::string_view title = book.Title(child);
            for (std::uint32_t w = tb; w < te; ++w) {
              const std::string& n = doc.tokens[w].norm;
              const bool side =
                  (n == "right" || n == "r")  ? title.find("right") != std::string_view::npos
                  : (n == "left" || n == "l") ? title.find("left") != std::string_view::npos
                  : n == "bilateral"          ? title.find("bilateral") != std::string_view::npos
                                              : false;
              if (side) best = child;
            }
          }
          if (best == codes::kNone) {
            for (codes::CodeId child : book.Children(*id)) {
              if (book.Title(child).find("nspecified") != std::string_view::npos) best = child;
            }
          }
          if (best == codes::kNone) break;
          id = best;
        }
        if (!book.IsBillable(*id)) continue;
        const nlp::Span span{doc.tokens[t].span.begin, doc.tokens[k - 1].span.end};
        Add(book, book.Code(*id), span, "status after a past procedure", coded);
        t = k - 1;
        break;
      }
    }
  }
}

void AddImmunizationCode(const codes::Codebook& book, const nlp::Document& doc,
                         std::vector<CodedDiagnosis>& coded) {
  static constexpr auto kVaccine = nlp::MakeWordList(
      "vaccine", "vaccines", "vaccination", "immunization", "immunizations", "shot", "booster",
      "tdap", "dtap", "mmr", "pcv20", "pcv15", "ppsv23", "shingrix", "gardasil");
  static constexpr auto kGiven =
      nlp::MakeWordList("given", "administered", "received", "updated", "today");
  static constexpr auto kNot =
      nlp::MakeWordList("declined", "refused", "deferred", "due", "defer", "will", "recommend",
                        "recommended", "discussed", "next");
  const auto any = [](std::string_view w, const auto& list) { return list.Contains(w); };

  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const nlp::SectionKind section = doc.SectionOf(s);
    if (section == nlp::SectionKind::kFamilyHistory ||
        section == nlp::SectionKind::kPastMedicalHistory ||
        section == nlp::SectionKind::kAllergies) {
      continue;
    }
    std::optional<nlp::Span> vaccine;
    for (std::uint32_t t = doc.sentence_token_begin[s]; t < doc.sentence_token_end[s] && !vaccine;
         ++t) {
      if (any(doc.tokens[t].norm, kVaccine)) vaccine = doc.tokens[t].span;
    }
    if (!vaccine) continue;  // the usual case: only then look for "given" and "declined"
    bool given = false;
    bool not_given = false;
    for (std::uint32_t t = doc.sentence_token_begin[s]; t < doc.sentence_token_end[s]; ++t) {
      const std::string& w = doc.tokens[t].norm;
      given |= any(w, kGiven);
      not_given |= any(w, kNot);
    }
    if (vaccine && given && !not_given) {
      Add(book, "Z23", *vaccine, "vaccine documented as given at this encounter", coded);
      return;
    }
  }
}

void AddBmiCode(const codes::Codebook& book, const nlp::Basics& basics,
                std::vector<CodedDiagnosis>& coded) {
  const bool weight_dx = HasCode(coded, "E66") || HasCode(coded, "R63.6") ||
                         HasCode(coded, "E44") || HasCode(coded, "E43");
  if (!weight_dx) return;
  if (basics.age_years && *basics.age_years < 20) return;  // pediatric BMI is a percentile
  for (const auto& v : basics.vitals) {
    if (v.name != "bmi") continue;
    double bmi = 0;
    const auto* end = v.value.data() + v.value.size();
    if (std::from_chars(v.value.data(), end, bmi).ec != std::errc{} || bmi < 10 || bmi > 150)
      continue;
    std::string code;
    if (bmi < 20) {
      code = "Z68.1";
    } else if (bmi < 40) {
      code = "Z68." + std::to_string(static_cast<int>(bmi));
    } else if (bmi < 45) {
      code = "Z68.41";
    } else if (bmi < 50) {
      code = "Z68.42";
    } else if (bmi < 60) {
      code = "Z68.43";
    } else if (bmi < 70) {
      code = "Z68.44";
    } else {
      code = "Z68.45";
    }
    Add(book, code, v.span, "BMI recorded with a weight diagnosis", coded);
    return;
  }
}

}  // namespace notecoder::rules
