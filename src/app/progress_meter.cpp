#include "app/progress_meter.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace notecoder::app {

std::string FormatDuration(double seconds) {
  const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  }
  return text;
}

ProgressMeter::ProgressMeter(std::string what, std::string unit, std::FILE* out)
    : ProgressMeter(std::move(what), std::move(unit), out, ::isatty(::fileno(out)) == 1) {}

ProgressMeter::ProgressMeter(std::string what, std::string unit, std::FILE* out, bool terminal)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      out_(out),
      terminal_(terminal),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

void ProgressMeter::Update(std::size_t done, std::size_t total) {
  const auto now = std::chrono::steady_clock::now();
  const auto since_print = now - last_print_;
  const bool last = done >= total;
  const auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::seconds(5);
  if (!last && printed_ && since_print < interval) return;
  if (!last && !printed_ && !terminal_ && since_print < interval) return;
  last_print_ = now;
  printed_ = true;
  Print(done, total, std::chrono::duration<double>(now - start_).count());
}

void ProgressMeter::Print(std::size_t done, std::size_t total, double seconds) {
  const double rate = seconds >= 0.05 ? static_cast<double>(done) / seconds : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  // No rate yet (nothing done, or too soon to say): no ETA rather than a made-up one.
  const bool measured = done > 0 && seconds >= 0.05;
  const std::string eta_text = measured ? FormatDuration(eta) : std::string("--:--");
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '-');
    std::fprintf(out_, "\r%s [%s] %zu/%zu %s  %.1f/s  ETA %s\033[K", what_.c_str(), bar.c_str(),
                 done, total, unit_.c_str(), rate, eta_text.c_str());
    if (done >= total) std::fprintf(out_, "  (%s)\n", FormatDuration(seconds).c_str());
  } else {
    std::fprintf(out_, "%s: %zu/%zu %s (%.0f%%), %.1f/s, ETA %s\n", what_.c_str(), done, total,
                 unit_.c_str(), 100 * fraction, rate, eta_text.c_str());
  }
  std::fflush(out_);
}

}  // namespace notecoder::app
