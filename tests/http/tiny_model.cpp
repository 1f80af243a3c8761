#include "http/tiny_model.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "ml/model_writer.hpp"

namespace notecoder::testing {

void WriteTinyModel(const std::filesystem::path& path, const std::string& fingerprint) {
  ml::ModelSpec spec;
  spec.vocabulary = {"angina", "hypertension", "wheezing", "zzz"};
  spec.idf = {1.0, 1.0, 1.0, 1.0};
  const std::vector<std::string> codes = {"I20.9", "I10", "R06.2", "E11.9"};
  for (const auto& c : codes) spec.labels.push_back(ml::LabelSpec{c, "", 0.5});
  spec.weights.assign(codes.size() * spec.vocabulary.size(), -1.0);
  for (std::size_t l = 0; l < codes.size(); ++l) spec.weights[l * spec.vocabulary.size() + l] = 8;
  spec.intercepts.assign(codes.size(), -2.0);
  spec.fingerprint = fingerprint;
  const Status s = ml::WriteModelFile(spec, path);  // temp file + rename, as operators should
  ASSERT_TRUE(s.ok()) << s.error().message;
}

}  // namespace notecoder::testing
