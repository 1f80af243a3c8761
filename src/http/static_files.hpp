#pragma once
// A few static files for the page at GET / (web/): served from memory with their content type
// and headers that keep the page from running anything but its own script: a strict
// Content-Security-Policy (no inline script or style, no other origin), nosniff, no framing.
#include <map>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace notecoder::http {

struct StaticFile {
  std::string_view name;  // "index.html", "app.js"
  std::string_view body;  // lives as long as the program (embedded at build time)
};

class StaticFiles {
 public:
  explicit StaticFiles(std::initializer_list<StaticFile> files);
  template <class Range>
  explicit StaticFiles(const Range& files) {
    for (const StaticFile& f : files) Add(f);
  }

  // 200 with the file, or 404 for a name we do not have.
  Reply Serve(std::string_view name) const;

 private:
  void Add(const StaticFile& f);
  struct Entry {
    std::string_view body;
    std::string content_type;
    std::string etag;
  };
  std::map<std::string, Entry, std::less<>> files_;
};

// "text/html; charset=utf-8" for index.html ...; application/octet-stream when unknown.
std::string_view ContentTypeFor(std::string_view name);
// The Content-Security-Policy of the page.
std::string_view PageSecurityPolicy();

}  // namespace notecoder::http
