#pragma once

#include <manifold/plugin.hpp>

#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "McpSession.h"

namespace mcp {

/// One bridged MCP server as a toolset: its tools, under the server's own
/// names, and calls to them. The host makes one instance per configured
/// server (README.md).
class McpToolset : public manifold::Toolset {
 public:
  McpToolset(manifold::Host host, std::string_view configJson);

  /// The server's tools/list, every page up to max_pages, in the OpenAI
  /// "tools" shape: inputSchema becomes function.parameters.
  std::string listTools() override;
  /// tools/call; writes the server's CallToolResult unchanged (isError
  /// included: the host maps it).
  std::string callTool(std::string_view name, std::string_view argumentsJson) override;

 private:
  bool knows(const std::string& name);
  /// Logs and throws: "mcp server '<id>' <what>".
  [[noreturn]] void refuse(int32_t code, const std::string& what) const;

  manifold::Host host_;
  McpSession session_;
  std::mutex namesMutex_;
  std::set<std::string> names_;  ///< tool names from the last listing
};

}  // namespace mcp
