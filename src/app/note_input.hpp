#pragma once
// Reads a note from a file or standard input, refusing more than `max_bytes` without reading
// the rest into memory.
#include <string>

#include "infra/result.hpp"

namespace notecoder::app {

Result<std::string> ReadNote(const std::string& path_or_dash, std::size_t max_bytes);

}  // namespace notecoder::app
