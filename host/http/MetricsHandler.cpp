#include "http/MetricsHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "metrics/MetricsRegistry.h"
#include "metrics/StateGauges.h"

namespace manifold::http {

void MetricsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response) {
  if (!context_.access().requireMetricsReader(request, response)) return;
  std::string body;
  body.reserve(16384);
  context_.metrics().render(body);
  metrics::StateGauges::renderBreakers(body, context_.breakers().snapshot(failover::Clock::now()));
  const plugins::PluginDirectory& plugins = context_.plugins();
  const plugins::PluginSnapshot loaded = plugins.snapshot();
  metrics::StateGauges::renderPlugins(body, loaded.loaded.size(), loaded.refused.size(),
                                      plugins.generation());
  response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/plain; version=0.0.4; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD) {
    response.send();
    return;
  }
  response.send() << body;
}

}  // namespace manifold::http
