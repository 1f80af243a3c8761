#include "rules/rules_engine.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>

#include "nlp/basics.hpp"
#include "rules/code_refiner.hpp"
#include "rules/concept_stream.hpp"
#include "rules/decision.hpp"
#include "rules/index_walker.hpp"
#include "rules/mention_finder.hpp"
#include "rules/merge.hpp"
#include "rules/status_codes.hpp"
#include "rules/term_index.hpp"
#include "rules/title_dictionary.hpp"

namespace notecoder::rules {
namespace {
constexpr std::size_t kMaxExcluded = 500;

// The latest year among the note's dates, else the current year.
int NoteYear(const nlp::Basics& basics) {
  int year = 0;
  for (const auto& d : basics.dates) {
    if (d.date.size() >= 4 && std::isdigit(static_cast<unsigned char>(d.date[0]))) {
      year = std::max(year, std::atoi(d.date.substr(0, 4).c_str()));
    }
  }
  if (year >= 1900) return year;
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}
// In text order, ties in their order of discovery. Sorted through an index: an
// ExcludedMention holds several strings, and a stable sort moving them around was a visible
// share of a short note's time.
void SortBySpan(std::vector<ExcludedMention>& excluded) {
  std::vector<std::uint32_t> order(excluded.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return excluded[a].span.begin < excluded[b].span.begin;
  });
  std::vector<ExcludedMention> sorted;
  sorted.reserve(excluded.size());
  for (const std::uint32_t i : order) sorted.push_back(std::move(excluded[i]));
  excluded = std::move(sorted);
}

}  // namespace

struct RulesEngine::Impl {
  explicit Impl(std::shared_ptr<const codes::Codebook> b)
      : book(std::move(b)),
        index(book),
        walker(index),
        refiner(index),
        titles(index),
        stream(index),
        finder(index, walker, refiner, titles),
        decisions(index, walker, refiner) {}

  std::shared_ptr<const codes::Codebook> book;
  TermIndex index;
  IndexWalker walker;
  CodeRefiner refiner;
  TitleDictionary titles;
  ConceptStream stream;
  MentionFinder finder;
  DecisionMaker decisions;
};

RulesEngine::RulesEngine(std::shared_ptr<const codes::Codebook> book)
    : impl_(std::make_unique<Impl>(std::move(book))) {}
RulesEngine::~RulesEngine() = default;

const codes::Codebook& RulesEngine::book() const { return *impl_->book; }

Result<RulesResult> RulesEngine::Code(std::string_view note,
                                      const nlp::AnalyzeLimits& limits) const {
  auto analyzed = nlp::Analyze(note, limits);
  if (!analyzed.ok()) return analyzed.error();
  const nlp::Document& doc = *analyzed;

  RulesResult result;
  result.basics = nlp::ExtractBasics(doc);
  result.sections = doc.sections.size();
  result.sentences = doc.sentences.size();

  std::vector<ConceptToken> tokens;
  std::vector<std::uint32_t> sentence_begin;
  KeyStorage key_storage;
  impl_->stream.Build(doc, tokens, sentence_begin, key_storage);
  const std::vector<Mention> mentions = impl_->finder.Find(doc, tokens, sentence_begin);
  result.mentions = mentions.size();

  const int note_year = NoteYear(result.basics);
  // Sized once for a usual note: growing them moved every string of every entry at each
  // doubling. Capped: a huge note's lists still grow as needed.
  const std::size_t expected = std::min<std::size_t>(mentions.size(), 1024);
  std::vector<CodedMention> coded;
  coded.reserve(expected + expected / 4);
  result.excluded.reserve(expected);
  for (const Mention& m : mentions) {
    Decision d = impl_->decisions.Decide(m, doc, tokens, note_year);
    if (d.coded && d.coded->assertion == nlp::Assertion::kPresent &&
        m.manifestation != codes::kNone) {
      // The index lists etiology and manifestation together; both are reported.
      CodedDiagnosis manif = *d.coded;
      manif.code = std::string(impl_->book->Code(m.manifestation));
      manif.description = std::string(impl_->book->Title(m.manifestation));
      manif.rationale = "manifestation paired in the index with " + d.coded->code;
      coded.push_back(CodedMention{std::move(manif), nullptr});
    }
    if (d.coded) coded.push_back(CodedMention{std::move(*d.coded), &m});
    if (d.excluded) result.excluded.push_back(std::move(*d.excluded));
  }
  const bool has_assessment =
      std::any_of(doc.sections.begin(), doc.sections.end(),
                  [](const nlp::Section& s) { return IsAssessmentSection(s.kind); });
  MergeCodes(*impl_->book, std::move(coded), has_assessment, result);
  AddMedicationStatusCodes(*impl_->book, doc, result.codes);
  AddBmiCode(*impl_->book, result.basics, result.codes);
  AddImmunizationCode(*impl_->book, doc, result.codes);
  AddProcedureStatusCodes(*impl_->book, doc, result.codes);
  SortBySpan(result.excluded);
  // A huge note repeats itself; the answer stays readable and bounded.
  result.excluded_total = result.excluded.size();
  if (result.excluded.size() > kMaxExcluded) result.excluded.resize(kMaxExcluded);
  return result;
}

}  // namespace notecoder::rules
