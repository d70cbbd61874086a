#include "mcp/McpServer.h"

#include "mcp/McpRevisions.h"

namespace manifold::mcp {
namespace {

McpHttpReply reply(int status, const json::Value& body, std::string refusal = "") {
  McpHttpReply out;
  out.status = status;
  out.body = json::stringify(body);
  out.refusal = std::move(refusal);
  return out;
}

/// A refusal: the JSON-RPC error as the body, its message in the log.
McpHttpReply refuse(int status, const json::Value& id, int code, const std::string& message,
                    const json::Value& data = json::Value()) {
  return reply(status, rpcError(id, code, message, data), message);
}

McpHttpReply accepted() {
  McpHttpReply out;
  out.status = 202;
  return out;
}

const json::Value* metaVersion(const RpcMessage& message) {
  const json::Value* version = message.params["_meta"].find(kMetaProtocolVersion);
  return version && !version->isNull() ? version : nullptr;
}

}  // namespace

McpHttpReply McpServer::handle(const McpHttpRequest& request, const config::ToolsConfig& config) {
  if (request.method == "POST") return post(request, config);
  if (request.method == "DELETE") return endSession(request);
  McpHttpReply out =
      refuse(405, json::Value(), kInvalidRequest,
             request.method == "GET" ? "this server offers no GET stream; POST JSON-RPC messages"
                                     : "method " + request.method + " is not allowed on /mcp");
  out.allow = "POST, DELETE";
  return out;
}

McpHttpReply McpServer::post(const McpHttpRequest& request, const config::ToolsConfig& config) {
  json::ParseError parseError;
  const std::optional<json::Value> body = json::parse(request.body, &parseError);
  if (!body)
    return refuse(
        400, json::Value(), kParseError,
        "parse error at byte " + std::to_string(parseError.offset) + ": " + parseError.message);
  if (body->isArray())
    return refuse(400, json::Value(), kInvalidRequest,
                  "invalid request: send one JSON-RPC message per request; revisions "
                  "2025-06-18 and later take no batches");
  json::Value invalid;
  const std::optional<RpcMessage> message = readMessage(*body, invalid);
  if (!message) return reply(400, invalid, invalid["error"]["message"].asString());
  if (metaVersion(*message) || message->method == "server/discover" ||
      request.protocolHeader == kStatelessRevision)
    return stateless(request, *message, config);
  return withSession(request, *message, config);
}

McpHttpReply McpServer::stateless(const McpHttpRequest& request, const RpcMessage& message,
                                  const config::ToolsConfig& config) {
  const json::Value* version = metaVersion(message);
  const std::string requested =
      version ? version->asString()
              : (request.protocolHeader.empty() ? kStatelessRevision : request.protocolHeader);
  if (version && !version->isString())
    return refuse(400, message.id, kInvalidParams,
                  "_meta." + kMetaProtocolVersion + " must be a string");
  if (version && !request.protocolHeader.empty() && request.protocolHeader != requested)
    return refuse(400, message.id, kHeaderMismatch,
                  "the MCP-Protocol-Version header (" + request.protocolHeader +
                      ") disagrees with _meta." + kMetaProtocolVersion + " (" + requested + ")");
  if (message.method != "server/discover" && requested != kStatelessRevision) {
    json::Value data = json::Value::object();
    json::Value supported = json::Value::array();
    supported.push(kStatelessRevision);
    data.set("supported", std::move(supported));
    data.set("requested", requested);
    return refuse(400, message.id, kUnsupportedProtocolVersion,
                  "unsupported protocol version " + requested + " in _meta; this server speaks " +
                      kStatelessRevision + " without a session (or initialize for " +
                      kSessionRevision + ")",
                  data);
  }
  if (!message.isRequest()) return accepted();
  if (message.method != "server/discover" &&
      !message.params["_meta"][kMetaClientCapabilities].isObject())
    return refuse(
        400, message.id, kInvalidParams,
        "_meta." + kMetaClientCapabilities + " (an object) is required in " + kStatelessRevision);
  const McpCaller caller{request.allowed, config, kStatelessRevision, true};
  return reply(200, methods_.answer(message, caller));
}

McpHttpReply McpServer::withSession(const McpHttpRequest& request, const RpcMessage& message,
                                    const config::ToolsConfig& config) {
  if (message.method == "initialize") {
    if (!message.isRequest())
      return refuse(400, json::Value(), kInvalidRequest, "initialize must be a request (an id)");
    return initialize(request, message);
  }
  if (request.sessionId.empty())
    return refuse(400, message.id, kInvalidRequest,
                  "missing Mcp-Session-Id header: initialize first, or send _meta." +
                      kMetaProtocolVersion + " = " + kStatelessRevision);
  const std::optional<McpSession> session = sessions_.use(request.sessionId, request.keyId);
  if (!session)
    return refuse(404, message.id, kSessionNotFound,
                  "session not found or ended; initialize again");
  if (!request.protocolHeader.empty() && !isSessionHeaderVersion(request.protocolHeader))
    return refuse(400, message.id, kInvalidRequest,
                  "unsupported MCP-Protocol-Version " + request.protocolHeader +
                      "; this session negotiated " + session->protocolVersion);
  if (!message.isRequest()) return accepted();
  const McpCaller caller{request.allowed, config, session->protocolVersion, false};
  return reply(200, methods_.answer(message, caller));
}

McpHttpReply McpServer::initialize(const McpHttpRequest& request, const RpcMessage& message) {
  const json::Value& requested = message.params["protocolVersion"];
  if (!requested.isString())
    return refuse(400, message.id, kInvalidParams,
                  "initialize needs params.protocolVersion, a string");
  const std::string version = negotiateSessionRevision(requested.asString());
  json::Value result = json::Value::object();
  result.set("protocolVersion", version);
  result.set("capabilities", McpMethods::capabilities());
  result.set("serverInfo", McpMethods::serverInfo());
  McpHttpReply out = reply(200, rpcResult(message.id, std::move(result)));
  out.sessionId = sessions_.open(version, request.keyId);
  return out;
}

McpHttpReply McpServer::endSession(const McpHttpRequest& request) {
  if (request.sessionId.empty())
    return refuse(400, json::Value(), kInvalidRequest, "DELETE needs the Mcp-Session-Id header");
  if (!sessions_.close(request.sessionId, request.keyId))
    return refuse(404, json::Value(), kSessionNotFound, "session not found or already ended");
  McpHttpReply out;
  out.status = 204;
  return out;
}

}  // namespace manifold::mcp
