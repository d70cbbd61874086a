#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /admin/health: per engine, its keys and the state of each key's
/// circuit breaker or cooldown (closed, open, half_open, cooling) with the
/// time until it is tried again.
class AdminHealthHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit AdminHealthHandler(GatewayContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
};

}  // namespace manifold::http
