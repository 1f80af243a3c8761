#include "api/coding_response.hpp"

#include <boost/json/parse.hpp>

#include "api/json_text.hpp"
#include "api/json_writer.hpp"
#include "nlp/context.hpp"

namespace notecoder::api {
namespace {

namespace json = boost::json;

// Scores to three decimals: enough to rank, short to read.
double Rounded(double x) {
  return static_cast<double>(static_cast<long long>(x * 1000 + (x < 0 ? -0.5 : 0.5))) / 1000.0;
}

// The fields of a span, inside an object the caller opened.
void SpanFields(JsonOut& j, const nlp::Span& s, std::string_view note, const CharOffsets& chars) {
  j.Key("start").UInt(chars.ToChar(s.begin));
  j.Key("end").UInt(chars.ToChar(s.end));
  j.Key("text").String(note.substr(s.begin, s.size()));
}

void Span(JsonOut& j, const nlp::Span& s, std::string_view note, const CharOffsets& chars) {
  j.BeginObject();
  SpanFields(j, s, note, chars);
  j.EndObject();
}

void Basics(JsonOut& j, const nlp::Basics& b, std::string_view note, const CharOffsets& chars) {
  j.BeginObject();
  j.Key("age");
  if (b.age_years) {
    j.Int(*b.age_years);
  } else {
    j.Null();
  }
  j.Key("sex");
  if (b.sex.empty()) {
    j.Null();
  } else {
    j.String(b.sex);
  }
  j.Key("dates").BeginArray();
  for (const auto& d : b.dates) {
    j.BeginObject().Key("kind").String(d.kind).Key("date").String(d.date).Key("evidence");
    Span(j, d.span, note, chars);
    j.EndObject();
  }
  j.EndArray();
  j.Key("vitals").BeginArray();
  for (const auto& v : b.vitals) {
    j.BeginObject().Key("name").String(v.name).Key("value").String(v.value);
    j.Key("unit").String(v.unit).Key("evidence");
    Span(j, v.span, note, chars);
    j.EndObject();
  }
  j.EndArray();
  const auto items = [&](std::string_view key, const std::vector<nlp::ListedItem>& list) {
    j.Key(key).BeginArray();
    for (const auto& i : list) {
      j.BeginObject().Key("text").String(i.text).Key("evidence");
      Span(j, i.span, note, chars);
      j.EndObject();
    }
    j.EndArray();
  };
  items("medications", b.medications);
  items("allergies", b.allergies);
  j.Key("no_known_allergies").Bool(b.no_known_allergies);
  j.EndObject();
}

void Codes(JsonOut& j, const pipeline::CodingResult& coded, std::string_view note,
           const CharOffsets& chars) {
  j.BeginArray();
  for (const auto& final_code : coded.codes) {
    const rules::CodedDiagnosis& c = final_code.diagnosis;
    j.BeginObject();
    j.Key("code").String(c.code).Key("description").String(c.description);
    j.Key("score").Number(Rounded(c.score)).Key("billable").Bool(true);
    j.Key("sources").BeginArray();
    if (final_code.rules_score) j.String("rules");
    if (final_code.ml_score) j.String("ml");
    if (final_code.from_llm) j.String("llm");
    j.EndArray();
    j.Key("scores").BeginObject();
    if (final_code.rules_score) j.Key("rules").Number(Rounded(*final_code.rules_score));
    if (final_code.ml_score) j.Key("ml").Number(Rounded(*final_code.ml_score));
    j.EndObject();
    j.Key("assertion").String(nlp::AssertionName(c.assertion));
    j.Key("section").String(c.section);
    j.Key("evidence").BeginArray();
    for (const auto& s : c.evidence) Span(j, s, note, chars);
    j.EndArray();
    j.Key("rationale").String(c.rationale);
    j.EndObject();
  }
  j.EndArray();
}

void Excluded(JsonOut& j, const rules::RulesResult& result, std::string_view note,
              const CharOffsets& chars) {
  j.BeginArray();
  for (const auto& e : result.excluded) {
    j.BeginObject();
    SpanFields(j, e.span, note, chars);
    j.Key("reason").String(e.reason).Key("code").String(e.code);
    j.Key("description").String(e.description).Key("section").String(e.section);
    if (e.trigger) {
      j.Key("trigger");
      Span(j, *e.trigger, note, chars);
    }
    if (!e.note.empty()) j.Key("note").String(e.note);
    j.EndObject();
  }
  j.EndArray();
}

void Timings(JsonOut& j, const pipeline::CodingResult& coded, const ResponseTimings& timings) {
  j.BeginObject();
  j.Key("rules").Number(timings.analyze_and_rules_ms);
  if (coded.ml_used) j.Key("ml").Number(timings.ml_ms);
  for (const auto& [stage, ms] : coded.llm.timings_ms) {
    // The LLM's stages never share a name with ours; a key must not appear twice.
    if (stage == "rules" || stage == "ml" || stage == "total") continue;
    j.Key(stage).Number(ms);
  }
  j.Key("total").Number(timings.total_ms);
  j.EndObject();
}

void Engine(JsonOut& j, const pipeline::CodingResult& coded, const codes::Codebook& book) {
  const rules::RulesResult& result = coded.rules;
  j.BeginObject();
  j.Key("engines").BeginArray().String("rules");
  if (coded.ml_used) j.String("ml");
  if (coded.llm.used) j.String("llm");
  j.EndArray();
  if (coded.ml_used) j.Key("model_fingerprint").String(coded.model_fingerprint);
  if (coded.llm.used || !coded.llm.skipped_reason.empty()) {
    j.Key("llm").BeginObject().Key("used").Bool(coded.llm.used);
    if (!coded.llm.skipped_reason.empty()) j.Key("skipped_reason").String(coded.llm.skipped_reason);
    if (coded.llm.used) {
      j.Key("model").String(coded.llm.model);
      j.Key("prompt_version").String(coded.llm.prompt_version);
      j.Key("tokens_in").Int(coded.llm.tokens_in).Key("tokens_out").Int(coded.llm.tokens_out);
    }
    j.EndObject();
  }
  j.Key("code_set").String("ICD-10-CM FY2026");
  j.Key("codebook_fingerprint").String(book.Fingerprint());
  j.Key("offsets").String("unicode_code_points");
  j.Key("stats").BeginObject();
  j.Key("sections").UInt(result.sections).Key("sentences").UInt(result.sentences);
  j.Key("mentions").UInt(result.mentions).Key("excluded_total").UInt(result.excluded_total);
  j.EndObject();
  j.EndObject();
}

json::object ReadBack(const std::string& text) { return json::parse(text).as_object(); }

}  // namespace

void WriteCodingResponse(std::string& out, const pipeline::CodingResult& coded,
                         std::string_view note, const codes::Codebook& book,
                         const ResponseTimings& timings) {
  const CharOffsets chars(note);
  JsonOut j(out);
  j.BeginObject();
  j.Key("codes");
  Codes(j, coded, note, chars);
  j.Key("excluded");
  Excluded(j, coded.rules, note, chars);
  // Produced by the LLM engine when it ran; null otherwise.
  j.Key("summary");
  if (coded.summary) {
    j.String(*coded.summary);
  } else {
    j.Null();
  }
  j.Key("structured");
  if (coded.structured) {
    j.Value(*coded.structured);
  } else {
    j.Null();
  }
  j.Key("basics");
  Basics(j, coded.rules.basics, note, chars);
  j.Key("degraded").Bool(coded.degraded);
  j.Key("degraded_reasons").BeginArray();
  for (const auto& r : coded.degraded_reasons) j.String(r);
  j.EndArray();
  j.Key("timings_ms");
  Timings(j, coded, timings);
  j.Key("engine");
  Engine(j, coded, book);
  j.EndObject();
}

json::object EncodeCodingResponse(const pipeline::CodingResult& coded, std::string_view note,
                                  const codes::Codebook& book, const ResponseTimings& timings) {
  std::string text;
  WriteCodingResponse(text, coded, note, book, timings);
  return ReadBack(text);
}

json::object EncodeBasics(const nlp::Basics& basics, std::string_view note) {
  std::string text;
  JsonOut j(text);
  Basics(j, basics, note, CharOffsets(note));
  return ReadBack(text);
}

}  // namespace notecoder::api
