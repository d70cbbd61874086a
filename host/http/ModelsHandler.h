#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /v1/models: every configured engine in the OpenAI list shape (with the
/// fields Anthropic's list reads as well), with Manifold's metadata (provider,
/// availability, context window, capabilities, cost band) beside it, and
/// every mode as "mode/<name>".
class ModelsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ModelsHandler(GatewayContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
};

}  // namespace manifold::http
