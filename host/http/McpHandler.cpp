#include "http/McpHandler.h"

#include <Poco/Logger.h>

#include <manifold/json.hpp>

#include "http/HttpReplies.h"
#include "mcp/JsonRpc.h"
#include "mcp/McpOrigin.h"
#include "mcp/McpServer.h"
#include "tools/ToolAccess.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

Poco::Logger& logger() {
  return Poco::Logger::get("mcp");
}

void send(Poco::Net::HTTPServerResponse& response, int status, const std::string& body) {
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
  if (body.empty()) {
    response.setContentLength(0);
    response.send();
    return;
  }
  response.setContentType("application/json");
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send() << body;
}

}  // namespace

void McpHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                               Poco::Net::HTTPServerResponse& response) {
  const turn::SnapshotPtr snapshot = context_.snapshot();
  const config::ToolsConfig& tools = snapshot->config.tools;
  const std::string requestId = response.get("x-request-id", "");
  if (!tools.mcpEndpoint.enabled)
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND,
                     "the MCP endpoint is turned off (tools.mcp_endpoint.enabled)");
  const std::string origin = request.get("Origin", "");
  if (!mcp::originAllowed(origin, request.serverAddress().port(), snapshot->config.server.publicUrl,
                          tools.mcpEndpoint.allowedOrigins)) {
    logger().warning(
        "[%s] refused %s /mcp from %s: Origin %s is neither the gateway's own nor "
        "in tools.mcp_endpoint.allowed_origins",
        requestId, request.getMethod(), request.clientAddress().host().toString(), origin);
    return send(response, 403,
                json::stringify(mcp::rpcError(json::Value(), mcp::kInvalidRequest,
                                              "forbidden: Origin " + origin + " is not allowed")));
  }
  // Set before the key check so that a 401 carries it, as HTTP requires.
  response.set("WWW-Authenticate", "Bearer realm=\"manifold\"");
  const std::optional<Caller> caller = context_.access().requireKey(request, response);
  if (!caller) return;
  response.erase("WWW-Authenticate");

  mcp::McpHttpRequest in;
  in.method = request.getMethod();
  if (in.method == "POST") {
    std::optional<std::string> body = readBody(request, response, tools.mcpEndpoint.maxBodyBytes);
    if (!body) {
      logger().information("[%s] refused POST /mcp: body over %s bytes or cut short", requestId,
                           std::to_string(tools.mcpEndpoint.maxBodyBytes));
      return;
    }
    in.body = std::move(*body);
  }
  in.sessionId = request.get("Mcp-Session-Id", "");
  in.protocolHeader = request.get("MCP-Protocol-Version", "");
  in.keyId = caller->keyId;
  in.allowed = tools::toolsAllowedFor(caller->keyId, context_.keyDirectory());

  const mcp::McpHttpReply out = mcp::McpServer(context_.toolRuntime(), sessions_).handle(in, tools);
  if (!out.refusal.empty())
    logger().information("[%s] %s /mcp answered %d: %s", requestId, in.method, out.status,
                         out.refusal);
  if (!out.sessionId.empty()) response.set("Mcp-Session-Id", out.sessionId);
  if (!out.allow.empty()) response.set("Allow", out.allow);
  send(response, out.status, out.body);
}

}  // namespace manifold::http
