#pragma once
// Indented JSON for people (Boost.JSON serializes compactly only).
#include <boost/json/value.hpp>
#include <ostream>

namespace notecoder::app {

void PrintJson(std::ostream& os, const boost::json::value& v, bool pretty);

}  // namespace notecoder::app
