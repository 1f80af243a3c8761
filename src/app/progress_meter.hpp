#pragma once
// Progress of a long CLI step on stderr: a redrawn bar with rate and ETA on a terminal, plain
// periodic lines otherwise (logs, CI), so neither gets flooded.
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace notecoder::app {

class ProgressMeter {
 public:
  // `unit` names what is counted ("labels"). Terminal or not is decided from `out`.
  ProgressMeter(std::string what, std::string unit, std::FILE* out = stderr);
  ProgressMeter(std::string what, std::string unit, std::FILE* out, bool terminal);

  // Rate-limited: a terminal redraws at most every 100 ms, other outputs print a line at most
  // every 5 s, and both always show the last update.
  void Update(std::size_t done, std::size_t total);

 private:
  void Print(std::size_t done, std::size_t total, double seconds);

  std::string what_, unit_;
  std::FILE* out_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_, last_print_;
  bool printed_ = false;
};

// "0:07", "1:02:03".
std::string FormatDuration(double seconds);

}  // namespace notecoder::app
