#include "http/sse.hpp"

namespace notecoder::http {

std::string SseEvent(std::string_view event, std::uint64_t id, std::string_view data) {
  std::string out;
  out.reserve(data.size() + event.size() + 40);
  out.append("event: ").append(event).append("\nid: ").append(std::to_string(id)).append("\n");
  for (;;) {
    const auto nl = data.find('\n');
    out.append("data: ").append(data.substr(0, nl)).append("\n");
    if (nl == std::string_view::npos) break;
    data.remove_prefix(nl + 1);
  }
  out.append("\n");
  return out;
}

std::string SseComment(std::string_view text) {
  std::string out(": ");
  for (const char c : text) out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  out.append("\n\n");
  return out;
}

}  // namespace notecoder::http
