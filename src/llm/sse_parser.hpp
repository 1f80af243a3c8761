#pragma once
// Incremental Server-Sent Events parser (WHATWG "event stream interpretation"): bytes go in as
// they arrive, split anywhere, and complete events come out. Lines end in LF, CRLF or CR; `:`
// lines are comments; `data:` lines of one event are joined with LF. Bounded: a line or an
// event larger than the limit fails the stream instead of growing without end.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace notecoder::llm {

struct SseEvent {
  std::string_view event;  // "" means "message"
  std::string_view data;
};

class SseParser {
 public:
  using EventFn = std::function<void(const SseEvent&)>;

  explicit SseParser(std::size_t max_event_bytes = 1u << 20) : max_bytes_(max_event_bytes) {}

  // Calls `on_event` for each event completed by `bytes`, in order. Returns false once the
  // stream is over a limit; later calls do nothing and return false.
  bool Feed(std::string_view bytes, const EventFn& on_event);

  bool failed() const { return failed_; }
  // True while an unfinished line or event is held: a stream that ends now was truncated.
  bool mid_event() const { return !line_.empty() || has_data_ || !event_.empty(); }

 private:
  void Line(const EventFn& on_event);

  const std::size_t max_bytes_;
  std::string line_;
  std::string event_;
  std::string data_;
  bool has_data_ = false;
  bool skip_lf_ = false;  // the previous chunk ended in CR: a leading LF belongs to it
  bool failed_ = false;
};

}  // namespace notecoder::llm
