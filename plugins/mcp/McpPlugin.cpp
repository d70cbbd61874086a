// The MCP bridge: one MCP server's tools as a toolset, over Streamable HTTP
// in the 2026-07-28 (stateless) or 2025-11-25 (session) revision. See README.md.
#include <manifold/plugin.hpp>

#include "McpToolset.h"

MANIFOLD_PLUGIN("mcp", "1.0.0", "Tools of an MCP server, bridged over Streamable HTTP",
                mcp::McpToolset)
