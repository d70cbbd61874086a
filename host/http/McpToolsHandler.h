#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// The gateway's tools over plain HTTP, for any gateway key (each sees only
/// the tools it may use):
/// - GET /v1/mcp/tools[?server=<toolset>]: name (wire name), id, toolset,
///   description, parameters; and the toolsets that cannot list theirs.
/// - POST /v1/mcp/call {"name", "arguments"}: the tool's JSON result, or an
///   OpenAI-shape error whose status says who failed: 404 unknown tool, 400
///   bad arguments, 504 the tool timed out, 502 its upstream or the tool.
class McpToolsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  enum class Action { List, Call };
  McpToolsHandler(GatewayContext& context, Action action) : context_(context), action_(action) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void list(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
            const std::string& keyId);
  void call(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
            const std::string& keyId);

  GatewayContext& context_;
  const Action action_;
};

}  // namespace manifold::http
