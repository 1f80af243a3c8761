#include "infra/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

namespace notecoder::infra {
namespace {

constexpr const char* kLoggerName = "notecoder";

// A reference, not a shared_ptr copy: every LogLine asks, and copying would bump a reference
// count shared by all io threads.
spdlog::logger& Logger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto existing = spdlog::get(kLoggerName);
    if (existing) return existing;
    auto l = spdlog::stdout_logger_mt(kLoggerName);
    l->set_pattern("%v");
    l->set_level(spdlog::level::info);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *logger;
}

std::string Timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::time_point_cast<std::chrono::seconds>(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - secs).count();
  const std::time_t t = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

}  // namespace

void InitLogging(std::string_view level) {
  Logger().set_level(spdlog::level::from_str(std::string(level)));
}

bool LogEnabled(spdlog::level::level_enum level) { return Logger().should_log(level); }

void AppendJsonEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (const auto n = Utf8Length(s, i); n > 0) {
      out.append(s.substr(i, n));
      i += n - 1;
    } else {
      out += "\\ufffd";
    }
  }
}

LogLine::LogLine(spdlog::level::level_enum level, std::string_view logger, std::string_view event)
    : level_(level), enabled_(Logger().should_log(level)) {
  if (!enabled_) return;
  line_.reserve(256);
  line_ += "{\"ts\":\"";
  line_ += Timestamp();
  line_ += "\",\"level\":\"";
  const auto name = spdlog::level::to_string_view(level);
  line_.append(name.data(), name.size());
  line_ += "\",\"logger\":\"";
  AppendJsonEscaped(line_, logger);
  line_ += "\",\"event\":\"";
  AppendJsonEscaped(line_, event);
  line_ += '"';
}

LogLine::~LogLine() {
  if (!enabled_) return;
  line_ += '}';
  Logger().log(level_, "{}", line_);
}

void LogLine::Key(std::string_view key) {
  line_ += ",\"";
  AppendJsonEscaped(line_, key);
  line_ += "\":";
}

LogLine& LogLine::Str(std::string_view key, std::string_view value) {
  if (!enabled_) return *this;
  Key(key);
  line_ += '"';
  AppendJsonEscaped(line_, value);
  line_ += '"';
  return *this;
}

LogLine& LogLine::Int(std::string_view key, std::int64_t value) {
  if (!enabled_) return *this;
  Key(key);
  line_ += std::to_string(value);
  return *this;
}

LogLine& LogLine::Num(std::string_view key, double value) {
  if (!enabled_) return *this;
  Key(key);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  line_ += buf;
  return *this;
}

LogLine& LogLine::Bool(std::string_view key, bool value) {
  if (!enabled_) return *this;
  Key(key);
  line_ += value ? "true" : "false";
  return *this;
}

LogLine& LogLine::Safe(std::string_view key, const SafeText& text) {
  if (!enabled_) return *this;
  Int(std::string(key) + "_len", static_cast<std::int64_t>(text.length()));
  Str(std::string(key) + "_hash", text.hash());
  return *this;
}

}  // namespace notecoder::infra
