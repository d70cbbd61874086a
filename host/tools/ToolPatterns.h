#pragma once

#include <string>
#include <vector>

#include "tools/ToolDefinition.h"

namespace manifold::tools {

/// A list of tool patterns, as modes and keys name tools: "fx.convert" (one
/// tool), "fx.*" (a toolset), "mcp:<server>/<tool>" and "mcp:<server>/*"
/// (the same for an MCP server's tools), "*" (every tool).
class ToolPatterns {
 public:
  ToolPatterns() = default;
  explicit ToolPatterns(const std::vector<std::string>& patterns);
  /// Every tool.
  static ToolPatterns everything();

  bool allows(const ToolDefinition& tool) const;
  bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    std::string toolset;  ///< "*" for any
    std::string name;     ///< "*" for any
  };
  std::vector<Pattern> patterns_;
};

}  // namespace manifold::tools
