#pragma once
// A four-word logistic model for black-box tests that need rules + ML to run: each of four
// words votes for one code.
#include <filesystem>
#include <string>

namespace notecoder::testing {

// Writes the model to `path` (fails the test when it cannot); `fingerprint` tells versions apart.
void WriteTinyModel(const std::filesystem::path& path, const std::string& fingerprint);

}  // namespace notecoder::testing
