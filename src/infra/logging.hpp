#pragma once
// One logging API for the service: JSON lines on stdout, one object per line. Values are typed so
// a note can only be logged through SafeLogText (length + keyed hash). The level is checked before
// anything is formatted.
#include <spdlog/common.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "infra/safe_log_text.hpp"

namespace notecoder::infra {

// `level` is one of Settings::log_level's values. Safe to call again (tests).
void InitLogging(std::string_view level);

// True when a line at `level` would be written: callers skip building what only a log line needs.
bool LogEnabled(spdlog::level::level_enum level);

class LogLine {
 public:
  LogLine(spdlog::level::level_enum level, std::string_view logger, std::string_view event);
  ~LogLine();
  LogLine(const LogLine&) = delete;
  LogLine& operator=(const LogLine&) = delete;

  // `value` is ours (route, code, setting), never text taken from a request body.
  LogLine& Str(std::string_view key, std::string_view value);
  LogLine& Int(std::string_view key, std::int64_t value);
  LogLine& Num(std::string_view key, double value);
  LogLine& Bool(std::string_view key, bool value);
  // Adds <key>_len and <key>_hash.
  LogLine& Safe(std::string_view key, const SafeText& text);

 private:
  void Key(std::string_view key);
  spdlog::level::level_enum level_;
  bool enabled_;
  std::string line_;
};

// Escapes `s` as the inside of a JSON string; invalid UTF-8 bytes become U+FFFD.
void AppendJsonEscaped(std::string& out, std::string_view s);

}  // namespace notecoder::infra
