#include "app/service_routes.hpp"

#include <utility>

namespace notecoder::app {

http::Router ServiceRoutes(ServiceHandlers handlers) {
  using http::beast_http::verb;
  http::Router router;
  router.Add({verb::get, "/health", std::move(handlers.health), false});
  router.Add({verb::get, "/ready", std::move(handlers.ready), false});
  router.Add({verb::get, "/metrics", std::move(handlers.metrics), false});
  router.Add({verb::post, "/predict/coder", std::move(handlers.predict), true});
  router.Add({verb::post, "/predict/coder/stream", std::move(handlers.stream), true});
  router.Add({verb::get, "/codes", std::move(handlers.search), true});
  router.Add({verb::get, "/codes/{code}", std::move(handlers.code), true});
  router.Add({verb::post, "/admin/reload", std::move(handlers.reload), true});
  // The page for people: static, no key needed (its calls to the API carry the key).
  router.Add({verb::get, "/", handlers.web, false});
  router.Add({verb::get, "/web/{file}", std::move(handlers.web), false});
  return router;
}

}  // namespace notecoder::app
