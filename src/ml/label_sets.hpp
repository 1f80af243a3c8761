#pragma once
// The multi-label targets of a training matrix: which labels each row carries.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace notecoder::ml {

struct LabelSets {
  std::vector<std::vector<std::uint32_t>> rows;  // row r's label ids, sorted, each < label_count
  std::size_t label_count = 0;

  // For each label, the rows where it is positive (ascending).
  std::vector<std::vector<std::uint32_t>> PositivesByLabel() const {
    std::vector<std::vector<std::uint32_t>> out(label_count);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::uint32_t label : rows[r]) out[label].push_back(static_cast<std::uint32_t>(r));
    }
    return out;
  }
};

}  // namespace notecoder::ml
