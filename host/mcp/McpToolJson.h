#pragma once

#include <manifold/json.hpp>

#include "tools/ToolDefinition.h"
#include "tools/ToolResult.h"

namespace manifold::mcp {

/// A gateway tool as MCP lists it: {name (the wire name), description,
/// inputSchema (the tool's parameters)}.
json::Value mcpTool(const tools::ToolDefinition& tool);

/// A tool call's outcome as an MCP CallToolResult. A result that already is
/// one (an object with a "content" array, as bridged MCP tools answer)
/// passes through; any other JSON becomes one text block, and an object is
/// also given as structuredContent. A failure is {"isError": true} with the
/// message as text, for the model to read.
json::Value callToolResult(const tools::ToolResult& result);

}  // namespace manifold::mcp
