#pragma once
// Sparse rows and a compressed-sparse-row matrix of features: the hand-off between the vectorizer
// and the trainers/scorers.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace notecoder::ml {

// One document's features, indices strictly increasing.
struct SparseRow {
  std::vector<std::uint32_t> indices;
  std::vector<double> values;
};

// Rows stored back to back: row r is [row_start[r], row_start[r + 1]) of indices/values.
struct CsrMatrix {
  std::vector<std::size_t> row_start{0};
  std::vector<std::uint32_t> indices;
  std::vector<double> values;
  std::size_t columns = 0;

  std::size_t rows() const { return row_start.size() - 1; }
  void AppendRow(const SparseRow& row) {
    indices.insert(indices.end(), row.indices.begin(), row.indices.end());
    values.insert(values.end(), row.values.begin(), row.values.end());
    row_start.push_back(indices.size());
  }
};

}  // namespace notecoder::ml
