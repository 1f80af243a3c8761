#pragma once
#include <filesystem>

namespace notecoder::app {

// $NOTECODER_CODEBOOK, else data/codebook.bin (what `make data` writes).
std::filesystem::path DefaultCodebookPath();
// $ICD10CM_SRC, else data/icd10cm (what `make data` copies).
std::filesystem::path DefaultSourceDir();

}  // namespace notecoder::app
