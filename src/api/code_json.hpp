#pragma once
// One code as JSON: what `notecoder codes show` prints and GET /codes/{code} returns.
#include <boost/json/object.hpp>

#include "codes/codebook.hpp"

namespace notecoder::api {

boost::json::object CodeJson(const codes::Codebook& book, codes::CodeId id);

}  // namespace notecoder::api
