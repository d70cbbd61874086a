#include "http/HealthHandler.h"

#include "http/HttpReplies.h"

namespace manifold::http {

void HealthHandler::handleRequest(Poco::Net::HTTPServerRequest&,
                                  Poco::Net::HTTPServerResponse& response) {
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  if (!readiness_) {
    body->set("status", "ok");
    sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, body);
    return;
  }
  size_t providers = 0;
  for (const auto& plugin : context_.plugins().snapshot().loaded)
    if (plugin->providerApi()) ++providers;
  const bool ready = context_.ready() && providers > 0;
  body->set("status", ready ? "ready" : "not_ready");
  body->set("providers_loaded", providers);
  if (!context_.ready())
    body->set("reason", "starting or shutting down");
  else if (providers == 0)
    body->set("reason", "no provider plugin is loaded");
  sendJson(
      response,
      ready ? Poco::Net::HTTPResponse::HTTP_OK : Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
      body);
}

}  // namespace manifold::http
