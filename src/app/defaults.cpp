#include "app/defaults.hpp"

#include <cstdlib>

namespace notecoder::app {
namespace {
std::filesystem::path EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::filesystem::path(v) : std::filesystem::path(fallback);
}
}  // namespace

std::filesystem::path DefaultCodebookPath() {
  return EnvOr("NOTECODER_CODEBOOK", "data/codebook.bin");
}
std::filesystem::path DefaultSourceDir() { return EnvOr("ICD10CM_SRC", "data/icd10cm"); }

}  // namespace notecoder::app
