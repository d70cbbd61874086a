#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /healthz (the process serves) and GET /readyz (start-up finished, and
/// at least one provider plugin is loaded).
class HealthHandler : public Poco::Net::HTTPRequestHandler {
 public:
  HealthHandler(GatewayContext& context, bool readiness)
      : context_(context), readiness_(readiness) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
  bool readiness_;
};

}  // namespace manifold::http
