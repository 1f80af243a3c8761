#include "ml/sklearn_import.hpp"

#include <boost/json.hpp>
#include <cstring>
#include <fstream>
#include <iterator>

namespace notecoder::ml {
namespace {

namespace json = boost::json;

struct Reader {
  const std::filesystem::path& path;
  Error Bad(const std::string& what) const {
    return MakeError(ErrorCode::kDataLoss, "interchange " + path.string() + ": " + what);
  }
};

Result<FeatureConfig> ParseFeatures(const json::object& f, const Reader& r) {
  FeatureConfig c;
  const std::string_view analyzer = f.at("analyzer").as_string();
  if (analyzer == "word") {
    c.analyzer = Analyzer::kWord;
  } else if (analyzer == "char_wb") {
    c.analyzer = Analyzer::kCharWb;
  } else {
    return r.Bad("unsupported analyzer");
  }
  const json::array& range = f.at("ngram_range").as_array();
  if (range.size() != 2) return r.Bad("ngram_range must have two values");
  c.ngram_min = static_cast<std::uint32_t>(range[0].to_number<std::int64_t>());
  c.ngram_max = static_cast<std::uint32_t>(range[1].to_number<std::int64_t>());
  c.lowercase = f.at("lowercase").as_bool();
  c.use_idf = f.at("use_idf").as_bool();
  c.smooth_idf = f.at("smooth_idf").as_bool();
  c.sublinear_tf = f.at("sublinear_tf").as_bool();
  const json::value& norm = f.at("norm");
  if (norm.is_null()) {
    c.norm = Norm::kNone;
  } else if (norm.as_string() == "l1") {
    c.norm = Norm::kL1;
  } else if (norm.as_string() == "l2") {
    c.norm = Norm::kL2;
  } else {
    return r.Bad("unsupported norm");
  }
  for (const json::value& w : f.at("stop_words").as_array()) {
    c.stop_words.emplace_back(w.as_string());
  }
  return c;
}

Result<ModelSpec> Parse(const json::object& doc, std::string_view arrays, const Reader& r) {
  if (doc.at("format").to_number<std::int64_t>() != 1) return r.Bad("unsupported format");
  ModelSpec spec;
  auto features = ParseFeatures(doc.at("features").as_object(), r);
  if (!features) return features.error();
  spec.features = std::move(*features);
  for (const json::value& t : doc.at("vocabulary").as_array()) {
    spec.vocabulary.emplace_back(t.as_string());
  }
  const std::string_view kind = doc.at("score_kind").as_string();
  if (kind == "logistic-proba") {
    spec.score_kind = ScoreKind::kLogisticProba;
  } else if (kind == "decision") {
    spec.score_kind = ScoreKind::kDecision;
  } else {
    return r.Bad("unknown score_kind");
  }
  for (const json::value& v : doc.at("labels").as_array()) {
    const json::object& l = v.as_object();
    LabelSpec label;
    label.code = json::value_to<std::string>(l.at("code"));
    label.title = json::value_to<std::string>(l.at("title"));
    label.threshold = l.at("threshold").to_number<double>();
    spec.labels.push_back(std::move(label));
  }
  spec.fingerprint = json::value_to<std::string>(doc.at("fingerprint"));

  const std::size_t features_n = spec.vocabulary.size();
  const std::size_t labels_n = spec.labels.size();
  const std::size_t idf_n = spec.features.use_idf ? features_n : 0;
  const std::size_t want = (idf_n + labels_n * features_n + labels_n) * sizeof(double);
  if (arrays.size() != want) {
    return r.Bad("array block is " + std::to_string(arrays.size()) + " bytes, expected " +
                 std::to_string(want));
  }
  auto take = [&](std::vector<double>& out, std::size_t n) {
    out.resize(n);
    if (n == 0) return;  // an empty vector's data() may be null: memcpy from/to null is UB
    std::memcpy(out.data(), arrays.data(), n * sizeof(double));
    arrays.remove_prefix(n * sizeof(double));
  };
  take(spec.idf, idf_n);
  take(spec.weights, labels_n * features_n);
  take(spec.intercepts, labels_n);
  return spec;
}

}  // namespace

Result<ModelSpec> ReadSklearnInterchange(const std::filesystem::path& path) {
  const Reader r{path};
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, "cannot open " + path.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kInterchangeMagic, 8) != 0) {
    return r.Bad("not an export_sklearn.py interchange file");
  }
  std::uint64_t json_size;
  std::memcpy(&json_size, bytes.data() + 8, sizeof json_size);
  if (json_size > bytes.size() - 16) return r.Bad("truncated");
  const std::size_t arrays_at = (16 + json_size + 7) / 8 * 8;
  if (arrays_at > bytes.size()) return r.Bad("truncated");
  boost::system::error_code ec;
  json::value doc = json::parse(std::string_view(bytes).substr(16, json_size), ec);
  if (ec || !doc.is_object()) return r.Bad("header is not a JSON object");
  try {
    return Parse(doc.as_object(), std::string_view(bytes).substr(arrays_at), r);
  } catch (const std::exception& e) {  // Boost.JSON's accessors throw on a missing/mistyped key
    return r.Bad(std::string("malformed header: ") + e.what());
  }
}

}  // namespace notecoder::ml
