#pragma once
// Where the tests find shared data; every path can be overridden by the environment.
#include <filesystem>
#include <memory>

#include "codes/codebook.hpp"

namespace notecoder::testing {

std::filesystem::path IcdSourceDir();  // $ICD10CM_SRC or ../shared/data/icd10cm
std::filesystem::path CodebookPath();  // $NOTECODER_CODEBOOK or <build>/test-data/codebook.bin
std::filesystem::path SourceDir();     // the repository root
// The real FY2026 codebook, opened once per process; fails the test with a clear message when
// the snapshot is missing (ctest builds it through the `codebook` fixture).
std::shared_ptr<const codes::Codebook> SharedCodebook();

}  // namespace notecoder::testing
