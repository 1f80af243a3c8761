#pragma once
// The on-disk layout of a model file (docs/model-format.md): a fixed header, then sections at
// 64-byte aligned offsets, used in place after mmap. Little-endian; the header and the record
// structs are read by memcpy/reinterpret_cast on little-endian hosts only.
#include <bit>
#include <cstdint>
#include <type_traits>

namespace notecoder::ml::format {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

inline constexpr char kMagic[8] = {'N', 'C', 'M', 'L', 'M', 'O', 'D', 'L'};
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::uint64_t kAlignment = 64;

// Sections in file order. Everything before kWeightStarts is "metadata" (checked at every Open);
// the weight sections come last and have their own checksum.
enum Section : std::uint32_t {
  kVocabSlots = 0,   // VocabSlot[slot_count]: open-addressing table, power-of-two size
  kTermOffsets,      // u32[feature_count + 1] into kTermBytes
  kTermBytes,        // UTF-8 terms in feature (sorted) order
  kIdf,              // f64[feature_count] (empty when use_idf is 0)
  kIntercepts,       // f64[label_count]
  kLabels,           // LabelRecord[label_count]
  kLabelStrings,     // codes and titles, UTF-8
  kStopWordOffsets,  // u32[stop_word_count + 1] into kStopWordBytes
  kStopWordBytes,
  kFingerprint,   // UTF-8
  kWeightStarts,  // sparse: u64[feature_count + 1] into kWeightLabels/kWeights; dense: empty
  kWeightLabels,  // sparse: u32[nnz] label of each weight; dense: empty
  kWeights,       // f32: dense [feature][label] (feature-major), sparse [nnz]
  kSectionCount,
};

enum class WeightLayout : std::uint8_t { kDense = 0, kSparse = 1 };

struct SectionRef {
  std::uint64_t offset;
  std::uint64_t size;  // bytes, excluding padding
};

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t header_size;  // sizeof(Header)
  std::uint64_t file_size;
  // codes::Hash64 over the header (both checksum fields zeroed) chained (as the seed) into
  // Hash64 of bytes [header_size, weights_offset).
  std::uint64_t metadata_checksum;
  std::uint64_t weights_checksum;  // Hash64 of bytes [weights_offset, file_size)
  std::uint64_t weights_offset;
  std::uint64_t weight_nnz;
  std::uint64_t vocab_seed;
  std::uint32_t feature_count;
  std::uint32_t label_count;
  std::uint32_t stop_word_count;
  std::uint32_t ngram_min;
  std::uint32_t ngram_max;
  std::uint8_t analyzer;  // ml::Analyzer
  std::uint8_t norm;      // ml::Norm
  std::uint8_t score_kind;
  std::uint8_t weight_layout;
  std::uint8_t lowercase;
  std::uint8_t use_idf;
  std::uint8_t smooth_idf;
  std::uint8_t sublinear_tf;
  std::uint32_t reserved;  // zero
  SectionRef sections[kSectionCount];
};
static_assert(std::is_trivially_copyable_v<Header>);
static_assert(sizeof(Header) % 8 == 0);

struct LabelRecord {
  std::uint32_t code_offset;  // into kLabelStrings
  std::uint32_t code_size;
  std::uint32_t title_offset;
  std::uint32_t title_size;  // 0: no title in the file (the loader takes the codebook's)
  double threshold;
};
static_assert(sizeof(LabelRecord) == 24);

}  // namespace notecoder::ml::format
