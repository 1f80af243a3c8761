#include "llm/sse_parser.hpp"

namespace notecoder::llm {

bool SseParser::Feed(std::string_view bytes, const EventFn& on_event) {
  std::size_t i = 0;
  while (!failed_ && i < bytes.size()) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (bytes[i] == '\n') {
        ++i;
        continue;
      }
    }
    const std::size_t end = bytes.find_first_of("\r\n", i);
    const std::size_t stop = end == std::string_view::npos ? bytes.size() : end;
    line_.append(bytes.data() + i, stop - i);
    if (line_.size() + data_.size() > max_bytes_) {
      failed_ = true;
      break;
    }
    if (end == std::string_view::npos) break;
    skip_lf_ = bytes[end] == '\r';
    i = end + 1;
    Line(on_event);
  }
  return !failed_;
}

void SseParser::Line(const EventFn& on_event) {
  if (line_.empty()) {  // a blank line dispatches the event
    if (has_data_) {
      if (!data_.empty() && data_.back() == '\n') data_.pop_back();
      on_event(SseEvent{event_, data_});
    }
    data_.clear();
    event_.clear();
    has_data_ = false;
    return;
  }
  if (line_.front() == ':') {
    line_.clear();
    return;
  }
  const std::size_t colon = line_.find(':');
  std::string_view field(line_);
  std::string_view value;
  if (colon != std::string::npos) {
    field = std::string_view(line_).substr(0, colon);
    value = std::string_view(line_).substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    data_.append(value);
    data_.push_back('\n');
    has_data_ = true;
  } else if (field == "event") {
    event_.assign(value);
  }  // id and retry matter to browsers reconnecting, not to one request's answer
  line_.clear();
}

}  // namespace notecoder::llm
