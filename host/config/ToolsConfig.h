#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace manifold::config {

/// An MCP server the bridge (plugins/mcp) serves tools from: its tools are
/// "<id>.<tool>" in config and "<id>__<tool>" to models and MCP clients.
struct McpServerConfig {
  std::string id;
  std::string url;
  /// The gateway's own credential for this server, never the client's.
  std::string authHeader = "Authorization";
  std::string authScheme = "Bearer";  ///< put before the secret; "" for none
  std::string secretEnv;              ///< or
  std::string secretFile;             ///< its first line
  std::string protocol = "auto";      ///< auto, 2026-07-28 or 2025-11-25
  int timeoutMs = 30000;
};

/// The gateway's own MCP endpoint (/mcp), serving the gateway's tools.
struct McpEndpointConfig {
  bool enabled = true;
  /// Browser origins allowed besides the gateway's own; a request with any
  /// other Origin header is refused (403), as the MCP specification requires.
  std::vector<std::string> allowedOrigins;
  int64_t maxBodyBytes = 1024 * 1024;
  int callTimeoutMs = 30000;
};

/// Gateway-owned tools: toolset plugins, MCP servers, and the limits of the
/// live pre-step and the server-side tool loop.
struct ToolsConfig {
  std::vector<McpServerConfig> mcpServers;
  McpEndpointConfig mcpEndpoint;
  int callTimeoutMs = 15000;       ///< one tool call
  int turnTimeoutMs = 60000;       ///< every tool call of one turn together
  int maxToolSteps = 4;            ///< model rounds that may call gateway tools
  int liveTimeoutMs = 3000;        ///< each tool of the live pre-step
  int64_t maxResultChars = 16000;  ///< a longer result reaches a model cut, and says so
  int listTtlMs = 30000;           ///< how long a toolset's tool list is reused
  /// Per tool id ("fx.convert"): overrides the tool's own cache_ttl_ms.
  std::map<std::string, int64_t> cacheTtlMs;
};

}  // namespace manifold::config
