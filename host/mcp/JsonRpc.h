#pragma once

#include <manifold/json.hpp>

#include <optional>
#include <string>

namespace manifold::mcp {

/// JSON-RPC 2.0 error codes MCP uses (the standard ones and MCP's own).
enum RpcCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  /// 2025-11-25 (the TypeScript SDK's choice): no such session.
  kSessionNotFound = -32001,
  /// 2026-07-28: the MCP-Protocol-Version header disagrees with _meta.
  kHeaderMismatch = -32001,
  /// 2026-07-28: a required _meta member is missing.
  kMissingClientCapability = -32003,
  /// 2026-07-28: the requested protocol version is not one the server speaks.
  kUnsupportedProtocolVersion = -32004,
};

/// {"jsonrpc":"2.0","id":id,"result":result}
json::Value rpcResult(const json::Value& id, json::Value result);
/// {"jsonrpc":"2.0","id":id,"error":{code,message[,data]}}; id null when unknown.
json::Value rpcError(const json::Value& id, int code, const std::string& message,
                     const json::Value& data = json::Value());

/// One JSON-RPC message as read from a request body.
struct RpcMessage {
  json::Value id;  ///< null for a notification
  std::string method;
  json::Value params;  ///< an object, or null when absent
  bool isRequest() const { return !method.empty() && !id.isNull(); }
  bool isNotification() const { return !method.empty() && id.isNull(); }
  bool isResponse() const { return method.empty(); }
};

/// Reads one message; on failure returns nullopt and sets `error` to the
/// JSON-RPC error reply (-32600) naming what is wrong.
std::optional<RpcMessage> readMessage(const json::Value& value, json::Value& error);

}  // namespace manifold::mcp
