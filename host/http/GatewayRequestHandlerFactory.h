#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <atomic>
#include <string>

#include "http/GatewayContext.h"
#include "mcp/McpSessions.h"

namespace manifold::http {

/// Routes each request to its handler, after giving it a request id (the
/// client's x-request-id when it sent a sane one) echoed in the response.
class GatewayRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit GatewayRequestHandlerFactory(GatewayContext& context);
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  std::string nextRequestId();
  Poco::Net::HTTPRequestHandler* routeRequest(const Poco::Net::HTTPServerRequest& request);
  /// /v1/tasks... and /webhooks/...
  Poco::Net::HTTPRequestHandler* routeTasks(const Poco::Net::HTTPServerRequest& request,
                                            const std::string& path);

  GatewayContext& context_;
  std::string idPrefix_;
  std::atomic<uint64_t> counter_{0};
  mcp::McpSessions mcpSessions_;  ///< /mcp's 2025-11-25 sessions
};

}  // namespace manifold::http
