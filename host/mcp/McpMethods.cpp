#include "mcp/McpMethods.h"

#include <chrono>

#include "mcp/McpRevisions.h"
#include "mcp/McpToolJson.h"

#ifndef MANIFOLD_VERSION
#define MANIFOLD_VERSION "0.0.0"
#endif

namespace manifold::mcp {
namespace {

json::Value stamped(json::Value result, const McpCaller& caller) {
  if (caller.stateless) result.set("resultType", "complete");
  return result;
}

/// The offset a tools/list cursor names, or -1 when it is not one of ours.
int64_t cursorOffset(const json::Value& cursor) {
  if (cursor.isNull()) return 0;
  const std::string& text = cursor.asString();
  if (!cursor.isString() || text.empty() || text.size() > 9) return -1;
  for (char c : text)
    if (c < '0' || c > '9') return -1;
  return std::stoll(text);
}

}  // namespace

json::Value McpMethods::capabilities() {
  json::Value tools = json::Value::object();
  tools.set("listChanged", false);
  json::Value out = json::Value::object();
  out.set("tools", std::move(tools));
  return out;
}

json::Value McpMethods::serverInfo() {
  json::Value info = json::Value::object();
  info.set("name", "manifold");
  info.set("title", "Manifold gateway tools");
  info.set("version", MANIFOLD_VERSION);
  return info;
}

json::Value McpMethods::answer(const RpcMessage& request, const McpCaller& caller) {
  if (request.method == "tools/list") return listTools(request, caller);
  if (request.method == "tools/call") return callTool(request, caller);
  if (request.method == "server/discover") return rpcResult(request.id, discover());
  if (request.method == "ping" && !caller.stateless)
    return rpcResult(request.id, json::Value::object());
  return rpcError(request.id, kMethodNotFound,
                  "method not found: " + request.method + " (revision " + caller.revision + ")");
}

json::Value McpMethods::discover() {
  json::Value versions = json::Value::array();
  for (const std::string& v : supportedRevisions()) versions.push(v);
  json::Value out = json::Value::object();
  out.set("resultType", "complete");
  out.set("supportedVersions", std::move(versions));
  out.set("capabilities", capabilities());
  out.set("serverInfo", serverInfo());
  out.set("instructions",
          "The Manifold gateway's tools: live data (exchange rates, weather, news...) and tools "
          "bridged from other MCP servers, named <toolset>__<tool>.");
  return out;
}

json::Value McpMethods::listTools(const RpcMessage& request, const McpCaller& caller) {
  const int64_t offset = cursorOffset(request.params["cursor"]);
  const tools::ToolListing listing = runtime_.list(caller.allowed, caller.config);
  if (offset < 0 || (offset > 0 && static_cast<size_t>(offset) >= listing.tools.size()))
    return rpcError(request.id, kInvalidParams, "invalid cursor: not one this server gave out");
  json::Value tools = json::Value::array();
  const size_t end = std::min(listing.tools.size(), static_cast<size_t>(offset) + pageSize_);
  for (size_t i = static_cast<size_t>(offset); i < end; ++i) tools.push(mcpTool(listing.tools[i]));
  json::Value result = json::Value::object();
  result.set("tools", std::move(tools));
  if (end < listing.tools.size()) result.set("nextCursor", std::to_string(end));
  return rpcResult(request.id, stamped(std::move(result), caller));
}

json::Value McpMethods::callTool(const RpcMessage& request, const McpCaller& caller) {
  const json::Value& name = request.params["name"];
  if (!name.isString() || name.asString().empty())
    return rpcError(request.id, kInvalidParams, "tools/call needs params.name, a tool's name");
  const json::Value& arguments = request.params["arguments"];
  if (!arguments.isNull() && !arguments.isObject())
    return rpcError(request.id, kInvalidParams, "params.arguments must be an object");
  const tools::ToolListing listing = runtime_.list(caller.allowed, caller.config);
  const tools::ToolDefinition* tool = listing.find(name.asString());
  const std::string argumentsJson = arguments.isNull() ? "{}" : json::stringify(arguments);
  const std::chrono::milliseconds timeout(caller.config.mcpEndpoint.callTimeoutMs);
  tools::ToolResult result;
  if (tool) {
    result = runtime_.call(*tool, argumentsJson, caller.config, timeout);
  } else {
    // A toolset that is down still names its tools: the runtime says why.
    result = runtime_.call(name.asString(), argumentsJson, caller.allowed, caller.config, timeout);
    if (result.errorCode == MF_ERR_NOT_FOUND)
      return rpcError(request.id, kInvalidParams, "unknown tool: " + name.asString());
  }
  return rpcResult(request.id, stamped(callToolResult(result), caller));
}

}  // namespace manifold::mcp
