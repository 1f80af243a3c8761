#include "ml/model.hpp"

#include <cstring>

#include "codes/hash.hpp"

namespace notecoder::ml {
namespace {

Error Corrupt(const std::filesystem::path& path, const std::string& what) {
  return MakeError(ErrorCode::kDataLoss, "model file " + path.string() + ": " + what);
}

bool IsMetadata(std::uint32_t section) { return section < format::kWeightStarts; }

}  // namespace

Model::Model(std::filesystem::path path, MappedFile file)
    : path_(std::move(path)), file_(std::move(file)) {}

Result<std::shared_ptr<const Model>> Model::Open(const std::filesystem::path& path,
                                                 const codes::Codebook& codebook,
                                                 ModelOpenOptions options) {
  auto file = MappedFile::Open(path);
  if (!file) return file.error();
  std::shared_ptr<Model> model(new Model(path, std::move(*file)));
  if (Status st = model->Load(codebook, options); !st) return st.error();
  return std::shared_ptr<const Model>(std::move(model));
}

Result<std::shared_ptr<const Model>> Model::FromBytes(std::string_view bytes,
                                                      const std::filesystem::path& name,
                                                      const codes::Codebook& codebook,
                                                      ModelOpenOptions options) {
  std::shared_ptr<Model> model(new Model(name, MappedFile::Copy(bytes)));
  if (Status st = model->Load(codebook, options); !st) return st.error();
  return std::shared_ptr<const Model>(std::move(model));
}

template <class T>
std::span<const T> Model::Array(format::Section section) const {
  const format::SectionRef& ref = header_.sections[section];
  return {reinterpret_cast<const T*>(file_.data() + ref.offset), ref.size / sizeof(T)};
}

Status Model::Load(const codes::Codebook& codebook, const ModelOpenOptions& options) {
  const std::size_t size = file_.size();
  if (size < sizeof(format::Header)) return Corrupt(path_, "truncated (no complete header)");
  std::memcpy(&header_, file_.data(), sizeof header_);
  format::Header& h = header_;
  if (std::memcmp(h.magic, format::kMagic, sizeof h.magic) != 0) {
    return Corrupt(path_, "not a notecoder model file (bad magic)");
  }
  if (h.version != format::kVersion) {
    return Corrupt(path_, "unsupported format version " + std::to_string(h.version) +
                              " (this build reads version " + std::to_string(format::kVersion) +
                              ")");
  }
  if (h.header_size != sizeof(format::Header)) return Corrupt(path_, "bad header size");
  if (h.file_size != size) {
    return Corrupt(path_, "size is " + std::to_string(size) + " bytes, header says " +
                              std::to_string(h.file_size) + " (truncated or appended to)");
  }
  if (h.weights_offset < sizeof h || h.weights_offset > size) {
    return Corrupt(path_, "bad weights offset");
  }
  format::Header zeroed = h;
  zeroed.metadata_checksum = 0;
  zeroed.weights_checksum = 0;
  std::uint64_t meta = codes::Hash64(&zeroed, sizeof zeroed);
  meta = codes::Hash64(file_.data() + sizeof h, h.weights_offset - sizeof h, meta);
  if (meta != h.metadata_checksum) return Corrupt(path_, "metadata checksum mismatch");

  // Shape: every section inside its region, aligned, and of the size the counts imply.
  const std::uint64_t features = h.feature_count;
  const std::uint64_t labels = h.label_count;
  const bool sparse = h.weight_layout == static_cast<std::uint8_t>(format::WeightLayout::kSparse);
  if (h.weight_layout > 1 || h.analyzer > 1 || h.norm > 2 || h.score_kind > 1) {
    return Corrupt(path_, "unknown enum value in header");
  }
  if (features == 0 || labels == 0 || h.ngram_min < 1 || h.ngram_min > h.ngram_max) {
    return Corrupt(path_, "bad counts or n-gram range");
  }
  const std::uint64_t nnz = h.weight_nnz;
  if (nnz > size / sizeof(float)) return Corrupt(path_, "weight count exceeds the file");
  const std::uint64_t expected[format::kSectionCount] = {
      h.sections[format::kVocabSlots].size,  // checked by VocabView::Valid
      (features + 1) * 4,
      h.sections[format::kTermBytes].size,
      h.use_idf ? features * 8 : 0,
      labels * 8,
      labels * sizeof(format::LabelRecord),
      h.sections[format::kLabelStrings].size,
      (std::uint64_t{h.stop_word_count} + 1) * 4,
      h.sections[format::kStopWordBytes].size,
      h.sections[format::kFingerprint].size,
      sparse ? (features + 1) * 8 : 0,
      sparse ? nnz * 4 : 0,
      nnz * 4,
  };
  if (!sparse && nnz != features * labels) return Corrupt(path_, "dense weight count mismatch");
  for (std::uint32_t s = 0; s < format::kSectionCount; ++s) {
    const format::SectionRef& ref = h.sections[s];
    const std::uint64_t begin = IsMetadata(s) ? sizeof h : h.weights_offset;
    const std::uint64_t end = IsMetadata(s) ? h.weights_offset : size;
    if (ref.offset % 8 != 0 || ref.offset < begin || ref.offset > end ||
        ref.size > end - ref.offset || ref.size != expected[s]) {
      return Corrupt(path_, "section " + std::to_string(s) + " out of bounds or mis-sized");
    }
  }
  if (h.sections[format::kVocabSlots].size % sizeof(VocabSlot) != 0) {
    return Corrupt(path_, "vocabulary table mis-sized");
  }
  if (options.verify_weights) {
    if (Status st = VerifyWeights(); !st) return st;
  }

  auto term_bytes = Array<char>(format::kTermBytes);
  vocab_ =
      VocabView(Array<VocabSlot>(format::kVocabSlots), Array<std::uint32_t>(format::kTermOffsets),
                {term_bytes.data(), term_bytes.size()}, h.vocab_seed);
  if (!vocab_.Valid()) return Corrupt(path_, "vocabulary table is inconsistent");
  idf_ = Array<double>(format::kIdf);
  intercepts_ = Array<double>(format::kIntercepts);
  weights_ = Array<float>(format::kWeights);
  if (sparse) {
    weight_starts_ = Array<std::uint64_t>(format::kWeightStarts);
    weight_labels_ = Array<std::uint32_t>(format::kWeightLabels);
    if (weight_starts_.front() != 0 || weight_starts_.back() != nnz) {
      return Corrupt(path_, "sparse weight index is inconsistent");
    }
    for (std::size_t f = 1; f < weight_starts_.size(); ++f) {
      if (weight_starts_[f] < weight_starts_[f - 1]) {
        return Corrupt(path_, "sparse weight index is inconsistent");
      }
    }
    // Out-of-range labels would write outside the score accumulators: always checked.
    for (std::uint32_t l : weight_labels_) {
      if (l >= labels) return Corrupt(path_, "sparse weight label out of range");
    }
  }

  auto fingerprint = Array<char>(format::kFingerprint);
  fingerprint_ = {fingerprint.data(), fingerprint.size()};

  features_.analyzer = static_cast<Analyzer>(h.analyzer);
  features_.ngram_min = h.ngram_min;
  features_.ngram_max = h.ngram_max;
  features_.lowercase = h.lowercase != 0;
  features_.use_idf = h.use_idf != 0;
  features_.smooth_idf = h.smooth_idf != 0;
  features_.sublinear_tf = h.sublinear_tf != 0;
  features_.norm = static_cast<Norm>(h.norm);
  auto stop_offsets = Array<std::uint32_t>(format::kStopWordOffsets);
  auto stop_bytes = Array<char>(format::kStopWordBytes);
  for (std::size_t i = 0; i < h.stop_word_count; ++i) {
    if (stop_offsets[i] > stop_offsets[i + 1] || stop_offsets[i + 1] > stop_bytes.size()) {
      return Corrupt(path_, "stop word table is inconsistent");
    }
    features_.stop_words.emplace_back(stop_bytes.data() + stop_offsets[i],
                                      stop_offsets[i + 1] - stop_offsets[i]);
  }
  analyzer_ = TextAnalyzer(features_);

  auto records = Array<format::LabelRecord>(format::kLabels);
  auto strings = Array<char>(format::kLabelStrings);
  const std::string_view text(strings.data(), strings.size());
  codes_.reserve(labels);
  titles_.reserve(labels);
  thresholds_.reserve(labels);
  for (const format::LabelRecord& r : records) {
    if (std::uint64_t{r.code_offset} + r.code_size > text.size() ||
        std::uint64_t{r.title_offset} + r.title_size > text.size()) {
      return Corrupt(path_, "label strings out of bounds");
    }
    const std::string_view code = text.substr(r.code_offset, r.code_size);
    auto id = codebook.Find(code);
    if (!id) {
      return MakeError(ErrorCode::kNotFound, "model file " + path_.string() + ": label code '" +
                                                 std::string(code) + "' is not in the codebook");
    }
    codes_.emplace_back(codebook.Code(*id));
    titles_.emplace_back(r.title_size ? text.substr(r.title_offset, r.title_size)
                                      : codebook.Title(*id));
    thresholds_.push_back(r.threshold);
  }
  return {};
}

Status Model::VerifyWeights() const {
  const std::uint64_t begin = header_.weights_offset;
  if (codes::Hash64(file_.data() + begin, file_.size() - begin) != header_.weights_checksum) {
    return Corrupt(path_, "weights checksum mismatch");
  }
  return {};
}

}  // namespace notecoder::ml
