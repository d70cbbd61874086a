#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"
#include "mcp/McpSessions.h"

namespace manifold::http {

/// /mcp: the gateway's tools for MCP clients over Streamable HTTP. This
/// layer does what the transport asks of HTTP (Origin check, the gateway
/// key with WWW-Authenticate on 401, the body cap); mcp::McpServer does
/// the protocol.
class McpHandler : public Poco::Net::HTTPRequestHandler {
 public:
  McpHandler(GatewayContext& context, mcp::McpSessions& sessions)
      : context_(context), sessions_(sessions) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
  mcp::McpSessions& sessions_;
};

}  // namespace manifold::http
