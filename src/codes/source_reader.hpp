#pragma once
// Reads a source file whole, inflating it when it is gzip-compressed (plain files pass through).
#include <filesystem>
#include <string>

#include "infra/result.hpp"

namespace notecoder::codes {

Result<std::string> ReadSourceFile(const std::filesystem::path& path);

}  // namespace notecoder::codes
