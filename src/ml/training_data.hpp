#pragma once
// Reads labelled notes for training: JSON lines `{"note": "...", "codes": ["E11.22", ...]}`.
// Problems are reported by line number and code, never with note text (notes are PHI).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "codes/codebook.hpp"
#include "infra/result.hpp"

namespace notecoder::ml {

enum class BadLinePolicy { kSkip, kFatal };

struct TrainingExample {
  std::string note;
  std::vector<std::string> codes;  // billable codes of the codebook, dotted, sorted, distinct
  std::size_t line = 0;            // 1-based line in the file
};

struct DataProblem {
  std::size_t line = 0;
  std::string what;  // "not valid JSON", "unknown code E11.99", ... (no note text)
};

struct TrainingData {
  std::vector<TrainingExample> examples;
  std::vector<DataProblem> bad_lines;      // lines skipped (kSkip)
  std::vector<DataProblem> dropped_codes;  // codes removed from otherwise good lines
};

// A bad line (not JSON, not an object, no non-empty "note" string, "codes" not an array) is
// skipped and listed, or with kFatal ends the read with a kInvalidArgument naming its line.
// Codes that are not ICD-10-CM, unknown to `book` or not billable are dropped and listed; the
// note stays, with its other codes. Blank lines are ignored. No examples → kInvalidArgument;
// an unreadable file → kIo.
Result<TrainingData> ReadTrainingData(const std::filesystem::path& path,
                                      const codes::Codebook& book, BadLinePolicy policy);

}  // namespace notecoder::ml
