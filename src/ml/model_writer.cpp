#include "ml/model_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "codes/hash.hpp"
#include "ml/model_format.hpp"
#include "ml/vocab_table.hpp"

namespace notecoder::ml {
namespace {

Error Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, "model spec: " + std::move(message));
}

bool AllFinite(const std::vector<double>& values) {
  for (double v : values) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

Status Validate(const ModelSpec& spec) {
  const std::size_t features = spec.vocabulary.size();
  const std::size_t labels = spec.labels.size();
  if (features == 0) return Invalid("empty vocabulary");
  if (labels == 0) return Invalid("no labels");
  if (labels >= 0xFFFFFFFFu) return Invalid("too many labels");
  const FeatureConfig& f = spec.features;
  if (f.ngram_min < 1 || f.ngram_min > f.ngram_max)
    return Invalid("ngram range not 1 <= min <= max");
  if (f.analyzer != Analyzer::kWord && f.analyzer != Analyzer::kCharWb) return Invalid("analyzer");
  if (f.norm != Norm::kNone && f.norm != Norm::kL1 && f.norm != Norm::kL2) return Invalid("norm");
  if (spec.score_kind != ScoreKind::kLogisticProba && spec.score_kind != ScoreKind::kDecision) {
    return Invalid("score kind");
  }
  if (f.use_idf && spec.idf.size() != features) return Invalid("idf size != vocabulary size");
  if (spec.weights.size() != features * labels) return Invalid("weights size != labels × features");
  if (spec.intercepts.size() != labels) return Invalid("intercepts size != labels");
  if (!AllFinite(spec.weights) || !AllFinite(spec.intercepts) ||
      (f.use_idf && !AllFinite(spec.idf))) {
    return Invalid("non-finite weight, intercept or idf");
  }
  for (std::size_t l = 0; l < labels; ++l) {
    if (spec.labels[l].code.empty()) return Invalid("label " + std::to_string(l) + " has no code");
    if (!std::isfinite(spec.labels[l].threshold)) {
      return Invalid("label " + spec.labels[l].code + " threshold is not finite");
    }
  }
  return {};
}

class Buffer {
 public:
  std::uint64_t size() const { return bytes_.size(); }
  void Pad() {
    bytes_.resize((bytes_.size() + format::kAlignment - 1) / format::kAlignment *
                  format::kAlignment);
  }
  format::SectionRef Append(const void* data, std::size_t size) {
    Pad();
    format::SectionRef ref{bytes_.size(), size};
    const auto* p = static_cast<const char*>(data);
    bytes_.insert(bytes_.end(), p, p + size);
    return ref;
  }
  template <class T>
  format::SectionRef Append(const std::vector<T>& v) {
    return Append(v.data(), v.size() * sizeof(T));
  }
  format::SectionRef Append(const std::string& s) { return Append(s.data(), s.size()); }
  char* data() { return bytes_.data(); }
  std::vector<char>& bytes() { return bytes_; }

 private:
  std::vector<char> bytes_;
};

struct Weights {
  format::WeightLayout layout;
  std::uint64_t nnz = 0;
  std::vector<std::uint64_t> starts;
  std::vector<std::uint32_t> labels;
  std::vector<float> values;
};

// Feature-major: scoring walks the note's few hundred features and adds each one's weights into
// all label accumulators, so a feature's weights must be contiguous.
Weights FeatureMajor(const ModelSpec& spec) {
  const std::size_t features = spec.vocabulary.size();
  const std::size_t labels = spec.labels.size();
  Weights w;
  for (double v : spec.weights) w.nnz += static_cast<float>(v) != 0.0f;
  const std::uint64_t dense_bytes = std::uint64_t{features} * labels * sizeof(float);
  const std::uint64_t sparse_bytes =
      (features + 1) * sizeof(std::uint64_t) + w.nnz * (sizeof(std::uint32_t) + sizeof(float));
  if (sparse_bytes < dense_bytes) {
    w.layout = format::WeightLayout::kSparse;
    w.starts.reserve(features + 1);
    w.labels.reserve(w.nnz);
    w.values.reserve(w.nnz);
    w.starts.push_back(0);
    for (std::size_t f = 0; f < features; ++f) {
      for (std::size_t l = 0; l < labels; ++l) {
        auto v = static_cast<float>(spec.weights[l * features + f]);
        if (v == 0.0f) continue;
        w.labels.push_back(static_cast<std::uint32_t>(l));
        w.values.push_back(v);
      }
      w.starts.push_back(w.values.size());
    }
  } else {
    w.layout = format::WeightLayout::kDense;
    w.values.resize(features * labels);
    for (std::size_t l = 0; l < labels; ++l) {
      const double* row = spec.weights.data() + l * features;
      for (std::size_t f = 0; f < features; ++f)
        w.values[f * labels + l] = static_cast<float>(row[f]);
    }
  }
  return w;
}

Status WriteAll(const std::filesystem::path& path, const std::vector<char>& bytes) {
  const std::string tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return MakeError(ErrorCode::kIo, "cannot create " + tmp + ": " + std::strerror(errno));
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return MakeError(ErrorCode::kIo, "cannot write " + tmp + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return MakeError(ErrorCode::kIo, "cannot write " + tmp + ": " + std::strerror(err));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return MakeError(ErrorCode::kIo,
                     "cannot rename " + tmp + " to " + path.string() + ": " + std::strerror(err));
  }
  return {};
}

}  // namespace

Status WriteModelFile(const ModelSpec& spec, const std::filesystem::path& path) {
  if (Status st = Validate(spec); !st) return st;
  auto table = BuildVocabTable(spec.vocabulary);
  if (!table) return Invalid(table.error().message);

  const FeatureConfig& f = spec.features;
  format::Header h{};
  std::memcpy(h.magic, format::kMagic, sizeof h.magic);
  h.version = format::kVersion;
  h.header_size = sizeof(format::Header);
  h.vocab_seed = table->seed;
  h.feature_count = static_cast<std::uint32_t>(spec.vocabulary.size());
  h.label_count = static_cast<std::uint32_t>(spec.labels.size());
  h.stop_word_count = static_cast<std::uint32_t>(f.stop_words.size());
  h.ngram_min = f.ngram_min;
  h.ngram_max = f.ngram_max;
  h.analyzer = static_cast<std::uint8_t>(f.analyzer);
  h.norm = static_cast<std::uint8_t>(f.norm);
  h.score_kind = static_cast<std::uint8_t>(spec.score_kind);
  h.lowercase = f.lowercase;
  h.use_idf = f.use_idf;
  h.smooth_idf = f.smooth_idf;
  h.sublinear_tf = f.sublinear_tf;

  Buffer out;
  out.bytes().resize(sizeof h);
  h.sections[format::kVocabSlots] = out.Append(table->slots);
  h.sections[format::kTermOffsets] = out.Append(table->term_offsets);
  h.sections[format::kTermBytes] = out.Append(table->term_bytes);
  h.sections[format::kIdf] = f.use_idf ? out.Append(spec.idf) : out.Append(nullptr, 0);
  h.sections[format::kIntercepts] = out.Append(spec.intercepts);

  std::string strings;
  std::vector<format::LabelRecord> records;
  for (const LabelSpec& label : spec.labels) {
    format::LabelRecord r{};
    r.code_offset = static_cast<std::uint32_t>(strings.size());
    r.code_size = static_cast<std::uint32_t>(label.code.size());
    strings += label.code;
    r.title_offset = static_cast<std::uint32_t>(strings.size());
    r.title_size = static_cast<std::uint32_t>(label.title.size());
    strings += label.title;
    r.threshold = label.threshold;
    records.push_back(r);
  }
  h.sections[format::kLabels] = out.Append(records);
  h.sections[format::kLabelStrings] = out.Append(strings);

  std::vector<std::uint32_t> stop_offsets{0};
  std::string stop_bytes;
  for (const std::string& word : f.stop_words) {
    stop_bytes += word;
    stop_offsets.push_back(static_cast<std::uint32_t>(stop_bytes.size()));
  }
  h.sections[format::kStopWordOffsets] = out.Append(stop_offsets);
  h.sections[format::kStopWordBytes] = out.Append(stop_bytes);
  h.sections[format::kFingerprint] = out.Append(spec.fingerprint);

  Weights w = FeatureMajor(spec);
  out.Pad();
  h.weights_offset = out.size();
  h.weight_layout = static_cast<std::uint8_t>(w.layout);
  h.weight_nnz = w.layout == format::WeightLayout::kSparse ? w.nnz : w.values.size();
  h.sections[format::kWeightStarts] = out.Append(w.starts);
  h.sections[format::kWeightLabels] = out.Append(w.labels);
  h.sections[format::kWeights] = out.Append(w.values);
  h.file_size = out.size();

  std::memcpy(out.data(), &h, sizeof h);  // checksums still zero
  const char* bytes = out.data();
  std::uint64_t meta = codes::Hash64(bytes, sizeof h);
  meta = codes::Hash64(bytes + sizeof h, h.weights_offset - sizeof h, meta);
  h.metadata_checksum = meta;
  h.weights_checksum = codes::Hash64(bytes + h.weights_offset, h.file_size - h.weights_offset);
  std::memcpy(out.data(), &h, sizeof h);
  return WriteAll(path, out.bytes());
}

}  // namespace notecoder::ml
