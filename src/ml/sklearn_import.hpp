#pragma once
// Reads the interchange file tools/export_sklearn.py writes from a fitted scikit-learn pipeline
// (docs/model-format.md, "Interchange"), so one writer — WriteModelFile — owns the model format.
#include <filesystem>

#include "infra/result.hpp"
#include "ml/model_spec.hpp"

namespace notecoder::ml {

inline constexpr char kInterchangeMagic[8] = {'N', 'C', 'S', 'K', 'L', 'X', '0', '1'};

// kDataLoss naming the file for a truncated or malformed interchange, kIo when unreadable.
Result<ModelSpec> ReadSklearnInterchange(const std::filesystem::path& path);

}  // namespace notecoder::ml
