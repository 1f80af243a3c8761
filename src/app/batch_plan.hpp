#pragma once
// Which input lines one `notecoder batch` run covers: all of them, a --from-line/--to-line range,
// or shard i of n (equal line ranges, for a Kubernetes Indexed Job: deploy/k8s/batch-job.yaml).
#include <cstddef>
#include <string>

#include "infra/result.hpp"

namespace notecoder::app {

struct LineRange {
  std::size_t first = 1;  // 1-based, inclusive
  std::size_t last = 0;   // inclusive; last < first: nothing to do
};

// `shard` is "i/n" (0 <= i < n <= 100000) or empty; `from`/`to` are 0 when not given.
Result<LineRange> PlanLines(std::size_t total_lines, std::size_t from, std::size_t to,
                            const std::string& shard);

}  // namespace notecoder::app
