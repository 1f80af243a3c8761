#pragma once
// JSON text for our responses. Boost.JSON 1.81 writes every double in exponent form ("6.8E-1");
// clients and people read scores better as "0.68", so numbers are written in their shortest
// plain form (std::to_chars). Strings are escaped per RFC 8259; UTF-8 passes through.
#include <boost/json/value.hpp>
#include <string>

namespace notecoder::api {

void AppendJson(std::string& out, const boost::json::value& v);
std::string WriteJson(const boost::json::value& v);

}  // namespace notecoder::api
