#pragma once

#include <manifold/json.hpp>

#include <string>

#include "config/ToolsConfig.h"
#include "mcp/JsonRpc.h"
#include "tools/ToolPatterns.h"
#include "tools/ToolRuntime.h"

namespace manifold::mcp {

/// What one MCP request may see: the caller's tools and the revision it speaks.
struct McpCaller {
  const tools::ToolPatterns& allowed;
  const config::ToolsConfig& config;
  std::string revision;
  bool stateless = false;  ///< 2026-07-28: results say "resultType"
};

/// The methods /mcp serves once a request is let in (initialize is the
/// session layer's): server/discover, ping (session revisions only),
/// tools/list (paged) and tools/call. Answers every request with a JSON-RPC
/// response; a tool's own failure is a result with isError, an unknown tool
/// is -32602.
class McpMethods {
 public:
  explicit McpMethods(tools::ToolRuntime& runtime, size_t pageSize = kPageSize)
      : runtime_(runtime), pageSize_(pageSize) {}
  json::Value answer(const RpcMessage& request, const McpCaller& caller);

  /// What the server offers: {"tools": {"listChanged": false}}.
  static json::Value capabilities();
  static json::Value serverInfo();
  /// Tools per tools/list page; a longer list is paged with nextCursor.
  static constexpr size_t kPageSize = 100;

 private:
  json::Value listTools(const RpcMessage& request, const McpCaller& caller);
  json::Value callTool(const RpcMessage& request, const McpCaller& caller);
  json::Value discover();

  tools::ToolRuntime& runtime_;
  const size_t pageSize_;
};

}  // namespace manifold::mcp
