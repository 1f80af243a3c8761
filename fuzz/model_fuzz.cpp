// The model file loader, from bytes. Checksums only stop random corruption, so the target
// rewrites the size and both checksums of the mutated file before loading it: the structural
// checks behind them must reject everything inconsistent. A model that loads is then used the
// way the service uses it (scoring, ranking, the label and term accessors).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "codes/hash.hpp"
#include "fuzz_support.hpp"
#include "ml/model.hpp"

namespace {

namespace format = notecoder::ml::format;

void ResealChecksums(std::string& bytes) {
  if (bytes.size() < sizeof(format::Header)) return;
  format::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.file_size = bytes.size();
  if (h.weights_offset >= sizeof h && h.weights_offset <= bytes.size()) {
    h.metadata_checksum = 0;
    h.weights_checksum = 0;
    std::uint64_t meta = notecoder::codes::Hash64(&h, sizeof h);
    meta = notecoder::codes::Hash64(bytes.data() + sizeof h, h.weights_offset - sizeof h, meta);
    h.metadata_checksum = meta;
    h.weights_checksum =
        notecoder::codes::Hash64(bytes.data() + h.weights_offset, bytes.size() - h.weights_offset);
  }
  std::memcpy(bytes.data(), &h, sizeof h);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace notecoder;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  ResealChecksums(bytes);
  auto model = ml::Model::FromBytes(bytes, "fuzz.model", *fuzz::MiniCodebook());
  if (!model.ok()) {
    // Why a seed is refused, when checking a corpus by hand.
    if (std::getenv("NOTECODER_FUZZ_VERBOSE") != nullptr) {
      std::fprintf(stderr, "%s\n", model.error().message.c_str());
    }
    FUZZ_CHECK(model.error().code == ErrorCode::kDataLoss ||
               model.error().code == ErrorCode::kNotFound);
    return 0;
  }
  const ml::Model& m = **model;
  for (const std::string_view note :
       {"Chest pain and type 2 diabetes; denies hypertension.", "", "e11.9 I10 pain pain pain"}) {
    const auto scores = m.Score(note);
    FUZZ_CHECK(scores.size() == m.LabelCount());
    const auto top = m.Top(scores, 3, false);
    FUZZ_CHECK(top.size() <= 3);
    for (const auto& t : top) FUZZ_CHECK(t.label < m.LabelCount());
    (void)m.Top(scores, m.LabelCount(), true);
  }
  for (std::uint32_t l = 0; l < m.LabelCount(); ++l) {
    FUZZ_CHECK(fuzz::MiniCodebook()->Find(m.Code(l)).has_value());
    (void)m.Title(l);
  }
  for (std::uint32_t f = 0; f < m.FeatureCount() && f < 64; ++f) (void)m.Term(f);
  return 0;
}
