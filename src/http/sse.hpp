#pragma once
// Server-Sent Events framing (WHATWG HTML, "Server-sent events"): one event is
// "event: <name>\nid: <n>\ndata: <line>\n...\n\n"; a line starting with ':' is a comment, which
// clients ignore and proxies see as traffic (a heartbeat).
#include <cstdint>
#include <string>
#include <string_view>

namespace notecoder::http {

// `data` may hold newlines: each line becomes its own "data:" line, as the format requires.
std::string SseEvent(std::string_view event, std::uint64_t id, std::string_view data);
std::string SseComment(std::string_view text);

}  // namespace notecoder::http
