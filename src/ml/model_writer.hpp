#pragma once
// Writes a ModelSpec as a model file (docs/model-format.md).
#include <filesystem>

#include "infra/result.hpp"
#include "ml/model_spec.hpp"

namespace notecoder::ml {

// Validates the spec (sizes agree, values finite, distinct terms), picks dense or sparse weights
// by which is smaller, writes `path` + ".tmp" and renames it over `path`, so a reader never sees
// a half-written file. kInvalidArgument for a bad spec, kIo when the OS refuses.
Status WriteModelFile(const ModelSpec& spec, const std::filesystem::path& path);

}  // namespace notecoder::ml
