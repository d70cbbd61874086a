#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "tools/ToolDefinition.h"
#include "tools/ToolResult.h"

namespace manifold::tools {

/// A toolset could not be made or could not say what it offers.
struct ToolsetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One toolset instance: a toolset plugin made with one configuration (the
/// fx plugin as "fx", the MCP bridge once per server). Every call may block on
/// the network and may run on any thread.
class Toolset {
 public:
  virtual ~Toolset() = default;
  virtual const std::string& id() const = 0;
  /// What it offers now. Throws ToolsetError when it cannot say (an MCP
  /// server that is down).
  virtual std::vector<ToolDefinition> tools() = 0;
  /// Calls one of its tools by the plugin's own name. Never throws.
  virtual ToolResult call(const std::string& name, const std::string& argumentsJson) = 0;
};

}  // namespace manifold::tools
