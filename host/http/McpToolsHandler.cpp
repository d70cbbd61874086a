#include "http/McpToolsHandler.h"

#include <Poco/Logger.h>

#include <manifold/json.hpp>

#include "http/HttpReplies.h"
#include "tools/ToolAccess.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

void sendValue(Poco::Net::HTTPServerResponse& response, const json::Value& body) {
  const std::string text = json::stringify(body);
  response.setStatusAndReason(HTTPResponse::HTTP_OK);
  response.setContentType("application/json");
  response.setContentLength(static_cast<std::streamsize>(text.size()));
  response.send() << text;
}

/// Who failed decides the status: the caller (400, 404), the tool's time
/// (504), or the tool and its upstream (502).
HTTPResponse::HTTPStatus statusFor(int32_t errorCode) {
  switch (errorCode) {
    case MF_ERR_NOT_FOUND:
      return HTTPResponse::HTTP_NOT_FOUND;
    case MF_ERR_INVALID:
      return HTTPResponse::HTTP_BAD_REQUEST;
    case MF_ERR_TIMEOUT:
      return HTTPResponse::HTTP_GATEWAY_TIMEOUT;
    default:
      return HTTPResponse::HTTP_BAD_GATEWAY;
  }
}

}  // namespace

void McpToolsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response) {
  const std::optional<Caller> caller = context_.access().requireKey(request, response);
  if (!caller) return;
  if (action_ == Action::List) return list(request, response, caller->keyId);
  call(request, response, caller->keyId);
}

void McpToolsHandler::list(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response, const std::string& keyId) {
  const std::string server = queryParameter(request, "server");
  const tools::ToolListing listing =
      context_.toolRuntime().list(tools::toolsAllowedFor(keyId, context_.keyDirectory()),
                                  context_.snapshot()->config.tools, server);
  if (!server.empty() && !context_.toolRuntime().directory().find(server) &&
      listing.problems.empty())
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND,
                     "no toolset or MCP server named \"" + server + "\"", "server",
                     "unknown_server");
  json::Value tools = json::Value::array();
  for (const tools::ToolDefinition& tool : listing.tools) {
    json::Value entry = json::Value::object();
    entry.set("name", tool.wireName);
    entry.set("id", tool.id());
    entry.set("toolset", tool.toolset);
    entry.set("description", tool.description);
    std::optional<json::Value> parameters = json::parse(tool.parametersJson);
    entry.set("parameters", parameters ? std::move(*parameters) : json::Value::object());
    tools.push(std::move(entry));
  }
  json::Value problems = json::Value::array();
  for (const tools::ToolProblem& problem : listing.problems) {
    json::Value entry = json::Value::object();
    entry.set("toolset", problem.toolset);
    entry.set("message", problem.message);
    problems.push(std::move(entry));
  }
  json::Value body = json::Value::object();
  body.set("object", "list");
  body.set("tools", std::move(tools));
  body.set("problems", std::move(problems));
  sendValue(response, body);
}

void McpToolsHandler::call(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response, const std::string& keyId) {
  const turn::SnapshotPtr snapshot = context_.snapshot();
  const config::ToolsConfig& config = snapshot->config.tools;
  const std::string requestId = response.get("x-request-id", "");
  const auto refuse = [&](HTTPResponse::HTTPStatus status, const std::string& message,
                          const std::string& param, const std::string& code,
                          const std::string& tool = "") {
    Poco::Logger::get("mcp").information(
        "[%s] POST /v1/mcp/call answered %d (%s): %s%s", requestId, static_cast<int>(status), code,
        tool.empty() ? std::string() : "tool " + tool + ": ", message);
    sendError(response, status, message, param, code);
  };
  const std::optional<std::string> text =
      readBody(request, response, config.mcpEndpoint.maxBodyBytes);
  if (!text) {
    Poco::Logger::get("mcp").information(
        "[%s] POST /v1/mcp/call answered 413 (body_too_large): over %s bytes, or cut short",
        requestId, std::to_string(config.mcpEndpoint.maxBodyBytes));
    return;
  }
  const std::optional<json::Value> body = json::parse(*text);
  if (!body || !body->isObject())
    return refuse(HTTPResponse::HTTP_BAD_REQUEST, "the body must be a JSON object", "",
                  "invalid_json");
  const json::Value& name = (*body)["name"];
  if (!name.isString() || name.asString().empty())
    return refuse(HTTPResponse::HTTP_BAD_REQUEST,
                  "name is required: a tool's wire name (fx__convert) or id (fx.convert)", "name",
                  "missing_name");
  const json::Value& arguments = (*body)["arguments"];
  if (!arguments.isNull() && !arguments.isObject())
    return refuse(HTTPResponse::HTTP_BAD_REQUEST, "arguments must be a JSON object", "arguments",
                  "invalid_arguments");

  const tools::ToolResult result = context_.toolRuntime().call(
      name.asString(), arguments.isNull() ? "{}" : json::stringify(arguments),
      tools::toolsAllowedFor(keyId, context_.keyDirectory()), config,
      std::chrono::milliseconds(config.callTimeoutMs));
  if (!result.ok)
    return refuse(statusFor(result.errorCode), result.message,
                  result.errorCode == MF_ERR_INVALID ? "arguments" : "name", result.errorName(),
                  name.asString());
  json::Value out = json::Value::object();
  out.set("ok", true);
  out.set("name", name.asString());
  std::optional<json::Value> value = json::parse(result.json);
  out.set("result", value ? std::move(*value) : json::Value(result.json));
  out.set("cached", result.cached);
  out.set("latency_ms", result.latencyMs);
  sendValue(response, out);
}

}  // namespace manifold::http
