#include "app/batch_plan.hpp"

#include <charconv>

namespace notecoder::app {

Result<LineRange> PlanLines(std::size_t total_lines, std::size_t from, std::size_t to,
                            const std::string& shard) {
  LineRange r{1, total_lines};
  if (!shard.empty()) {
    if (from != 0 || to != 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "--shard cannot be combined with --from-line/--to-line");
    }
    std::size_t i = 0;
    std::size_t n = 0;
    const auto slash = shard.find('/');
    const char* end = shard.data() + shard.size();
    const bool ok =
        slash != std::string::npos &&
        std::from_chars(shard.data(), shard.data() + slash, i).ptr == shard.data() + slash &&
        std::from_chars(shard.data() + slash + 1, end, n).ptr == end;
    if (!ok || n == 0 || n > 100000 || i >= n) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "--shard must be i/n with 0 <= i < n <= 100000");
    }
    // Shard i takes lines (i*T/n, (i+1)*T/n]: every line in exactly one shard.
    r.first = i * total_lines / n + 1;
    r.last = (i + 1) * total_lines / n;
    return r;
  }
  if (from != 0) r.first = from;
  if (to != 0) r.last = std::min(to, total_lines);
  if (from != 0 && to != 0 && to < from) {
    return MakeError(ErrorCode::kInvalidArgument, "--to-line must not be before --from-line");
  }
  return r;
}

}  // namespace notecoder::app
