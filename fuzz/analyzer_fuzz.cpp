// The note analyzer, then the rules engine over the fixture codebook: every span the analysis or
// the coding returns lies inside the note, and a note is coded or refused, never a crash.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "nlp/analyzer.hpp"
#include "rules/rules_engine.hpp"

namespace {

using notecoder::nlp::Span;

bool Inside(Span s, std::size_t size) { return s.begin <= s.end && s.end <= size; }

const notecoder::rules::RulesEngine& Engine() {
  static const notecoder::rules::RulesEngine engine(notecoder::fuzz::MiniCodebook());
  return engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace notecoder;
  const std::string_view note(reinterpret_cast<const char*>(data), size);
  // A small limit so the refusal path is reached too; inputs are kept under 64 KB by the runner.
  const nlp::AnalyzeLimits limits{.max_bytes = 32u << 10};
  auto doc = nlp::Analyze(note, limits);
  if (doc.ok()) {
    for (const auto& s : doc->sections) {
      FUZZ_CHECK(Inside(s.header, size) && Inside(s.body, size));
    }
    for (const auto& s : doc->sentences) {
      FUZZ_CHECK(Inside(s.span, size));
      FUZZ_CHECK(s.section < doc->sections.size() || doc->sections.empty());
    }
    std::uint32_t last = 0;
    for (const auto& t : doc->tokens) {
      FUZZ_CHECK(Inside(t.span, size) && !t.span.empty());
      FUZZ_CHECK(t.span.begin >= last);  // text order
      FUZZ_CHECK(t.sentence < doc->sentences.size());
      last = t.span.begin;
    }
    FUZZ_CHECK(doc->sentence_token_begin.size() == doc->sentences.size());
    FUZZ_CHECK(doc->sentence_token_end.size() == doc->sentences.size());
    for (std::size_t i = 0; i < doc->sentences.size(); ++i) {
      FUZZ_CHECK(doc->sentence_token_begin[i] <= doc->sentence_token_end[i]);
      FUZZ_CHECK(doc->sentence_token_end[i] <= doc->tokens.size());
    }
  }
  auto coded = Engine().Code(note, limits);
  FUZZ_CHECK(coded.ok() == doc.ok());
  if (coded.ok()) {
    for (const auto& c : coded->codes) {
      FUZZ_CHECK(Engine().book().Find(c.code).has_value());
      FUZZ_CHECK(c.score >= 0 && c.score <= 1);
      for (const Span e : c.evidence) FUZZ_CHECK(Inside(e, size));
    }
    for (const auto& x : coded->excluded) {
      FUZZ_CHECK(Inside(x.span, size));
      if (x.trigger) FUZZ_CHECK(Inside(*x.trigger, size));
    }
  }
  return 0;
}
