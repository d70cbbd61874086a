#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /metrics: every metric in the Prometheus text format (0.0.4), for the
/// master key or the metrics token (AccessGuard::requireMetricsReader).
/// Counted series come from the metrics registry; breaker and plugin gauges
/// are read from their owners at scrape time.
class MetricsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit MetricsHandler(GatewayContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
};

}  // namespace manifold::http
