#pragma once
// The service's route table, defined once: app/service.cpp serves it with the api handlers and
// fuzz/http_request_fuzz.cpp routes fuzzed requests through it without any.
#include "http/message.hpp"
#include "http/router.hpp"

namespace notecoder::app {

// One handler per endpoint; an empty one still routes, it just must never be called.
struct ServiceHandlers {
  http::Handler health;
  http::Handler ready;
  http::Handler metrics;
  http::Handler predict;
  http::Handler stream;
  http::Handler search;
  http::Handler code;
  http::Handler reload;
  http::Handler web;  // the page and its files
};

http::Router ServiceRoutes(ServiceHandlers handlers);

}  // namespace notecoder::app
