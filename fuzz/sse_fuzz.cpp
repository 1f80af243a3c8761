// The SSE parser of provider streams: the same bytes fed whole and in pieces (sizes taken from
// the input) must give the same events and the same failure, and no event exceeds the limit.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "llm/sse_parser.hpp"

namespace {

using notecoder::llm::SseEvent;
using notecoder::llm::SseParser;

constexpr std::size_t kLimit = 4096;

struct Run {
  std::vector<std::pair<std::string, std::string>> events;
  bool failed = false;
  bool mid_event = false;
};

Run Parse(std::string_view bytes, std::string_view cuts) {
  SseParser parser(kLimit);
  Run run;
  const auto collect = [&run](const SseEvent& e) {
    FUZZ_CHECK(e.data.size() <= kLimit);
    run.events.emplace_back(std::string(e.event), std::string(e.data));
  };
  std::size_t next_cut = 0;
  while (!bytes.empty()) {
    // Each cut byte is the size of the next piece; without cuts, one piece.
    std::size_t n = bytes.size();
    if (next_cut < cuts.size()) n = static_cast<unsigned char>(cuts[next_cut++]) % 17 + 1;
    n = std::min(n, bytes.size());
    const bool ok = parser.Feed(bytes.substr(0, n), collect);
    FUZZ_CHECK(ok == !parser.failed());
    bytes.remove_prefix(n);
  }
  run.failed = parser.failed();
  run.mid_event = parser.mid_event();
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte says how many of the following bytes are cut sizes; the rest is the stream.
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t ncuts = std::min<std::size_t>(data[0] % 64, input.size());
  const std::string_view cuts = input.substr(0, ncuts);
  const std::string_view stream = input.substr(ncuts);
  const Run whole = Parse(stream, {});
  const Run pieces = Parse(stream, cuts);
  FUZZ_CHECK(whole.failed == pieces.failed);
  if (!whole.failed) {
    FUZZ_CHECK(whole.events == pieces.events);
    FUZZ_CHECK(whole.mid_event == pieces.mid_event);
  }
  return 0;
}
