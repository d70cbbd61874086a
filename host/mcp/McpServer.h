#pragma once

#include <string>

#include "config/ToolsConfig.h"
#include "mcp/McpMethods.h"
#include "mcp/McpSessions.h"
#include "tools/ToolPatterns.h"

namespace manifold::mcp {

/// One HTTP request to /mcp, once the transport let it in (Origin, key,
/// size): what the protocol needs of it.
struct McpHttpRequest {
  std::string method;          ///< POST, GET, DELETE...
  std::string body;            ///< POST only
  std::string sessionId;       ///< Mcp-Session-Id
  std::string protocolHeader;  ///< MCP-Protocol-Version
  std::string keyId;           ///< the caller's gateway key ("" for the master)
  tools::ToolPatterns allowed;
};

struct McpHttpReply {
  int status = 200;
  std::string body;       ///< a JSON-RPC message, or "" for none
  std::string sessionId;  ///< Mcp-Session-Id to send (initialize)
  std::string allow;      ///< the Allow header of a 405
  std::string refusal;    ///< why the request was refused, for the log; "" when served
};

/// The MCP Streamable HTTP endpoint without the sockets. It tells the two
/// revisions apart per request:
/// - 2026-07-28 (stateless): a request whose params._meta names its protocol
///   version, or server/discover. No session; the MCP-Protocol-Version
///   header must agree with _meta.
/// - 2025-11-25 (and 2025-06-18): initialize opens a session, named by
///   Mcp-Session-Id on every later request; an unknown one is 404 so that
///   the client initializes again; DELETE ends it.
/// One JSON-RPC message per POST (both revisions dropped batches); answers
/// are application/json, and GET (the optional server stream) is 405.
class McpServer {
 public:
  McpServer(tools::ToolRuntime& runtime, McpSessions& sessions,
            size_t pageSize = McpMethods::kPageSize)
      : methods_(runtime, pageSize), sessions_(sessions) {}

  McpHttpReply handle(const McpHttpRequest& request, const config::ToolsConfig& config);

 private:
  McpHttpReply post(const McpHttpRequest& request, const config::ToolsConfig& config);
  McpHttpReply stateless(const McpHttpRequest& request, const RpcMessage& message,
                         const config::ToolsConfig& config);
  McpHttpReply withSession(const McpHttpRequest& request, const RpcMessage& message,
                           const config::ToolsConfig& config);
  McpHttpReply initialize(const McpHttpRequest& request, const RpcMessage& message);
  McpHttpReply endSession(const McpHttpRequest& request);

  McpMethods methods_;
  McpSessions& sessions_;
};

}  // namespace manifold::mcp
