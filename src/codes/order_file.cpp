#include "codes/order_file.hpp"

#include <cctype>
#include <string>

#include "codes/code_refs.hpp"

namespace notecoder::codes {
namespace {

// 0-based columns of the CMS layout (the PDF numbers them from 1).
constexpr std::size_t kOrderCol = 0, kOrderLen = 5;
constexpr std::size_t kCodeCol = 6, kCodeLen = 7;
constexpr std::size_t kFlagCol = 14;
constexpr std::size_t kShortCol = 16, kShortLen = 60;
constexpr std::size_t kLongCol = 77;
// Addenda lines carry a 13-character action label ("Add:", "Revise from:") before the flag.
constexpr std::size_t kAddendaFlagCol = 13;
constexpr std::size_t kAddendaCodeCol = 15;

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view Field(std::string_view line, std::size_t col, std::size_t len) {
  if (col >= line.size()) return {};
  return TrimRight(line.substr(col, len));
}

// Calls `fn(line_number, line)` for each line, without the CR of CRLF.
template <class Fn>
Status ForEachLine(std::string_view text, Fn&& fn) {
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Status s = fn(line_no, line);
    if (!s.ok()) return s;
  }
  return {};
}

Error LineError(std::string_view name, std::size_t line_no, std::string_view what) {
  return MakeError(ErrorCode::kDataLoss, std::string(name) + " line " + std::to_string(line_no) +
                                             ": " + std::string(what));
}

}  // namespace

Result<std::vector<OrderEntry>> ParseOrderFile(std::string_view text, std::string_view name) {
  std::vector<OrderEntry> entries;
  entries.reserve(text.size() / 140);
  Status status = ForEachLine(text, [&](std::size_t line_no, std::string_view line) -> Status {
    if (TrimRight(line).empty()) return {};
    if (line.size() <= kLongCol) return LineError(name, line_no, "line too short");
    OrderEntry e;
    for (char c : line.substr(kOrderCol, kOrderLen)) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return LineError(name, line_no, "order number is not numeric");
      }
      e.order_number = e.order_number * 10 + static_cast<std::uint32_t>(c - '0');
    }
    const std::string_view code = Field(line, kCodeCol, kCodeLen);
    auto undotted = UndotCode(code);
    if (!undotted || code.find('.') != std::string_view::npos) {
      return LineError(name, line_no, "invalid code '" + std::string(code) + "'");
    }
    e.code = std::move(*undotted);
    const char flag = line[kFlagCol];
    if (flag != '0' && flag != '1') return LineError(name, line_no, "billable flag is not 0/1");
    e.billable = flag == '1';
    e.short_title = std::string(Field(line, kShortCol, kShortLen));
    e.long_title = std::string(TrimRight(line.substr(kLongCol)));
    if (e.long_title.empty()) return LineError(name, line_no, "empty long title");
    entries.push_back(std::move(e));
    return {};
  });
  if (!status.ok()) return status.error();
  if (entries.empty()) return MakeError(ErrorCode::kDataLoss, std::string(name) + " has no codes");
  return entries;
}

Result<AddendaSummary> ParseOrderAddenda(std::string_view text, std::string_view name) {
  AddendaSummary summary;
  Status status = ForEachLine(text, [&](std::size_t line_no, std::string_view line) -> Status {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon > kAddendaFlagCol) return {};  // summary tail
    const std::string_view action = line.substr(0, colon);
    if (action != "Add" && action != "Delete" && action != "Revise from" && action != "Revise to") {
      return {};
    }
    auto code = UndotCode(Field(line, kAddendaCodeCol, kCodeLen));
    if (line.size() <= kAddendaCodeCol || !code) {
      return LineError(name, line_no, "malformed addenda line");
    }
    if (action == "Add") {
      ++summary.added;
      summary.added_codes.push_back(std::move(*code));
    } else if (action == "Delete") {
      ++summary.deleted;
      summary.deleted_codes.push_back(std::move(*code));
    } else if (action == "Revise to") {
      ++summary.revised;
    }
    return {};
  });
  if (!status.ok()) return status.error();
  return summary;
}

}  // namespace notecoder::codes
