#include "http/static_files.hpp"

#include <boost/beast/http/field.hpp>
#include <cstdio>
#include <functional>

namespace notecoder::http {

std::string_view ContentTypeFor(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "json") return "application/json";
  return "application/octet-stream";
}

std::string_view PageSecurityPolicy() {
  // Only our own script and style files; fetches go to this origin only; no plugins, no framing.
  return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

StaticFiles::StaticFiles(std::initializer_list<StaticFile> files) {
  for (const StaticFile& f : files) Add(f);
}

void StaticFiles::Add(const StaticFile& f) {
  // The content hash is a fine ETag: files change only with the binary.
  char tag[24];
  std::snprintf(tag, sizeof tag, "\"%016zx\"", std::hash<std::string_view>{}(f.body));
  files_[std::string(f.name)] = Entry{f.body, std::string(ContentTypeFor(f.name)), tag};
}

Reply StaticFiles::Serve(std::string_view name) const {
  Reply r;
  const auto it = files_.find(name);
  auto& res = r.response;
  res.set("X-Content-Type-Options", "nosniff");
  if (it == files_.end()) {
    res.result(beast_http::status::not_found);
    res.set(beast_http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "not found\n";
    return r;
  }
  res.result(beast_http::status::ok);
  res.set(beast_http::field::content_type, it->second.content_type);
  res.set("Content-Security-Policy", PageSecurityPolicy());
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  // Revalidated on every load (cheap, in memory), so a new binary's page is never mixed with
  // an old script.
  res.set(beast_http::field::cache_control, "no-cache");
  res.set(beast_http::field::etag, it->second.etag);
  res.body().assign(it->second.body);
  return r;
}

}  // namespace notecoder::http
