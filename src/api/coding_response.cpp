#include "api/coding_response.hpp"

#include <boost/json/array.hpp>

#include "api/json_text.hpp"
#include "nlp/context.hpp"

namespace notecoder::api {
namespace {

namespace json = boost::json;

json::object SpanJson(const nlp::Span& s, std::string_view note, const CharOffsets& chars) {
  json::object o;
  o["start"] = chars.ToChar(s.begin);
  o["end"] = chars.ToChar(s.end);
  o["text"] = note.substr(s.begin, s.size());
  return o;
}

json::object BasicsJson(const nlp::Basics& b, std::string_view note, const CharOffsets& chars) {
  json::object o;
  o["age"] = b.age_years ? json::value(*b.age_years) : json::value(nullptr);
  o["sex"] = b.sex.empty() ? json::value(nullptr) : json::value(b.sex);
  json::array dates;
  for (const auto& d : b.dates) {
    json::object x;
    x["kind"] = d.kind;
    x["date"] = d.date;
    x["evidence"] = SpanJson(d.span, note, chars);
    dates.push_back(std::move(x));
  }
  o["dates"] = std::move(dates);
  json::array vitals;
  for (const auto& v : b.vitals) {
    json::object x;
    x["name"] = v.name;
    x["value"] = v.value;
    x["unit"] = v.unit;
    x["evidence"] = SpanJson(v.span, note, chars);
    vitals.push_back(std::move(x));
  }
  o["vitals"] = std::move(vitals);
  const auto items = [&](const std::vector<nlp::ListedItem>& list) {
    json::array a;
    for (const auto& i : list) {
      json::object x;
      x["text"] = i.text;
      x["evidence"] = SpanJson(i.span, note, chars);
      a.push_back(std::move(x));
    }
    return a;
  };
  o["medications"] = items(b.medications);
  o["allergies"] = items(b.allergies);
  o["no_known_allergies"] = b.no_known_allergies;
  return o;
}

}  // namespace

json::object EncodeBasics(const nlp::Basics& basics, std::string_view note) {
  return BasicsJson(basics, note, CharOffsets(note));
}

json::object EncodeCodingResponse(const pipeline::CodingResult& coded, std::string_view note,
                                  const codes::Codebook& book, const ResponseTimings& timings) {
  const CharOffsets chars(note);
  const rules::RulesResult& result = coded.rules;
  const auto rounded = [](double x) {
    return static_cast<double>(static_cast<long long>(x * 1000 + (x < 0 ? -0.5 : 0.5))) / 1000.0;
  };
  json::array codes;
  for (const auto& final_code : coded.codes) {
    const rules::CodedDiagnosis& c = final_code.diagnosis;
    json::object o;
    o["code"] = c.code;
    o["description"] = c.description;
    o["score"] = rounded(c.score);
    o["billable"] = true;
    json::array sources;
    json::object scores;
    if (final_code.rules_score) {
      sources.push_back("rules");
      scores["rules"] = rounded(*final_code.rules_score);
    }
    if (final_code.ml_score) {
      sources.push_back("ml");
      scores["ml"] = rounded(*final_code.ml_score);
    }
    if (final_code.from_llm) sources.push_back("llm");
    o["sources"] = std::move(sources);
    o["scores"] = std::move(scores);
    o["assertion"] = nlp::AssertionName(c.assertion);
    o["section"] = c.section;
    json::array ev;
    for (const auto& s : c.evidence) ev.push_back(SpanJson(s, note, chars));
    o["evidence"] = std::move(ev);
    o["rationale"] = c.rationale;
    codes.push_back(std::move(o));
  }
  json::array excluded;
  for (const auto& e : result.excluded) {
    json::object o = SpanJson(e.span, note, chars);
    o["reason"] = e.reason;
    o["code"] = e.code;
    o["description"] = e.description;
    o["section"] = e.section;
    if (e.trigger) o["trigger"] = SpanJson(*e.trigger, note, chars);
    if (!e.note.empty()) o["note"] = e.note;
    excluded.push_back(std::move(o));
  }
  json::object timing;
  timing["rules"] = timings.analyze_and_rules_ms;
  if (coded.ml_used) timing["ml"] = timings.ml_ms;
  for (const auto& [stage, ms] : coded.llm.timings_ms) timing[stage] = ms;
  timing["total"] = timings.total_ms;

  json::object out;
  out["codes"] = std::move(codes);
  out["excluded"] = std::move(excluded);
  // Produced by the LLM engine when it ran; null otherwise.
  out["summary"] = coded.summary ? json::value(*coded.summary) : json::value(nullptr);
  out["structured"] = coded.structured ? json::value(*coded.structured) : json::value(nullptr);
  out["basics"] = BasicsJson(result.basics, note, chars);
  out["degraded"] = coded.degraded;
  json::array reasons;
  for (const auto& r : coded.degraded_reasons) reasons.push_back(json::value(r));
  out["degraded_reasons"] = std::move(reasons);
  out["timings_ms"] = std::move(timing);
  json::object engine;
  json::array engines{"rules"};
  if (coded.ml_used) engines.push_back("ml");
  if (coded.llm.used) engines.push_back("llm");
  engine["engines"] = std::move(engines);
  if (coded.ml_used) engine["model_fingerprint"] = coded.model_fingerprint;
  if (coded.llm.used || !coded.llm.skipped_reason.empty()) {
    json::object llm;
    llm["used"] = coded.llm.used;
    if (!coded.llm.skipped_reason.empty()) llm["skipped_reason"] = coded.llm.skipped_reason;
    if (coded.llm.used) {
      llm["model"] = coded.llm.model;
      llm["prompt_version"] = coded.llm.prompt_version;
      llm["tokens_in"] = coded.llm.tokens_in;
      llm["tokens_out"] = coded.llm.tokens_out;
    }
    engine["llm"] = std::move(llm);
  }
  engine["code_set"] = "ICD-10-CM FY2026";
  engine["codebook_fingerprint"] = book.Fingerprint();
  engine["offsets"] = "unicode_code_points";
  json::object stats;
  stats["sections"] = result.sections;
  stats["sentences"] = result.sentences;
  stats["mentions"] = result.mentions;
  stats["excluded_total"] = result.excluded_total;
  engine["stats"] = std::move(stats);
  out["engine"] = std::move(engine);
  return out;
}

}  // namespace notecoder::api
