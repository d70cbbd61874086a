#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /admin/health (master or dashboard token): per engine, its keys and the state of
/// each key's circuit breaker or cooldown (closed, open, half_open, cooling)
/// with the time until it is tried again; and over the last hour and the
/// last day, its requests, errors, error rate, p50/p95 latency and time to
/// first token, and what it cost (paid, free and unknown-cost requests).
/// Also the cost totals over every engine, and how many usage records were
/// lost because the store refused them.
class AdminHealthHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit AdminHealthHandler(GatewayContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
};

}  // namespace manifold::http
