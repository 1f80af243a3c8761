#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>

namespace notecoder::testing {
namespace {
std::filesystem::path FromEnv(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::filesystem::path(v) : std::filesystem::path(fallback);
}
}  // namespace

std::filesystem::path IcdSourceDir() { return FromEnv("ICD10CM_SRC", NOTECODER_TEST_ICD10CM_SRC); }
std::filesystem::path CodebookPath() {
  return FromEnv("NOTECODER_CODEBOOK", NOTECODER_TEST_CODEBOOK);
}
std::filesystem::path SourceDir() { return NOTECODER_SOURCE_DIR; }

std::shared_ptr<const codes::Codebook> SharedCodebook() {
  static std::once_flag once;
  static std::shared_ptr<const codes::Codebook> book;
  std::call_once(once, [] {
    auto opened = codes::Codebook::Open(CodebookPath());
    if (opened.ok()) book = *opened;
  });
  if (!book) {
    ADD_FAILURE() << "codebook snapshot not available at " << CodebookPath()
                  << " (run through ctest, or `notecoder codes build`)";
  }
  return book;
}

}  // namespace notecoder::testing
