#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace manifold::tools {

/// One tool a toolset instance declares (plugin.h, manifold.toolset/1), as the
/// host names it. A toolset instance has an id ("fx", or an MCP server's id);
/// its tool "convert" is the gateway tool "fx.convert" in config and
/// "fx__convert" on the wire, to models and to MCP clients, whose tool names
/// allow no dot.
struct ToolDefinition {
  std::string toolset;   ///< the instance id
  std::string name;      ///< the plugin's own name for it
  std::string wireName;  ///< "<toolset>__<name>", only [A-Za-z0-9_-], at most 64 chars
  std::string description;
  std::string parametersJson;  ///< a JSON Schema object
  /// Words or phrases that make the live pre-step call the tool with
  /// {"query": "<the user's message>"} (x-manifold.live_intents).
  std::vector<std::string> liveIntents;
  /// How long a result may be served again for the same arguments
  /// (x-manifold.cache_ttl_ms); 0: never cached.
  int64_t cacheTtlMs = 0;

  std::string id() const { return toolset + "." + name; }
};

/// The model-facing name of a tool: "<toolset>__<name>", every character
/// outside [A-Za-z0-9_-] replaced by '_', cut to 64 characters.
std::string wireNameOf(const std::string& toolset, const std::string& name);

}  // namespace manifold::tools
