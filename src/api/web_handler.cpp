// GET / and GET /web/{file}: the page for people, from the files embedded at build time.
#include "api/handlers.hpp"
#include "api/web_assets.hpp"

namespace notecoder::api {
namespace {

boost::asio::awaitable<http::Reply> ServeFile(std::shared_ptr<const http::StaticFiles> files,
                                              std::string name) {
  co_return files->Serve(name);
}

}  // namespace

http::Handler WebHandler(ServiceContextPtr ctx) {
  (void)ctx;  // the page needs nothing of the service: it calls the API from the browser
  auto files = std::make_shared<const http::StaticFiles>(WebAssets());
  return [files](http::Request req, http::RequestInfo info) {
    (void)req;
    // "/" is the page itself; everything else comes by name under /web/.
    return ServeFile(files, info.path_param.empty() ? "index.html" : info.path_param);
  };
}

}  // namespace notecoder::api
