#pragma once
// Serializes snapshot tables into the on-disk format and writes them atomically.
#include <cstddef>
#include <filesystem>

#include "codes/snapshot_tables.hpp"
#include "infra/result.hpp"

namespace notecoder::codes {

// Writes `out` + ".tmp", flushes it to disk, then renames it over `out`; returns the size.
Result<std::size_t> WriteSnapshot(const SnapshotTables& tables, const std::filesystem::path& out);

}  // namespace notecoder::codes
