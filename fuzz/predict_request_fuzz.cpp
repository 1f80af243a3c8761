// The JSON request decoder of POST /predict/coder (and /stream): any body either decodes to a
// request within the documented bounds or is an invalid-argument error; never a throw or crash.
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <string_view>

#include "api/error_body.hpp"
#include "api/predict_request.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace notecoder;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = api::ParsePredictRequest(body);
  if (parsed.ok()) {
    FUZZ_CHECK(!parsed->note.empty());
    FUZZ_CHECK(parsed->note.size() <= body.size());
    FUZZ_CHECK(parsed->options.max_codes >= 1 && parsed->options.max_codes <= 200);
  } else {
    FUZZ_CHECK(parsed.error().code == ErrorCode::kInvalidArgument);
    // The error body is what the client gets: it must encode, whatever the request was.
    const std::string reply = boost::json::serialize(api::EncodeError(parsed.error()));
    FUZZ_CHECK(!reply.empty());
  }
  // The media-type check sees client text too.
  (void)api::IsJsonMediaType(body.substr(0, 256));
  return 0;
}
