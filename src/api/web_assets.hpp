#pragma once
// The files of the page at GET / (web/), embedded at build time (embed_files.cmake).
#include <span>

#include "http/static_files.hpp"

namespace notecoder::api {

std::span<const http::StaticFile> WebAssets();

}  // namespace notecoder::api
