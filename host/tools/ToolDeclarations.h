#pragma once

#include <string>
#include <vector>

#include "tools/ToolDefinition.h"

namespace manifold::tools {

/// What a toolset's list_tools wrote, read: the tools, and one line per entry
/// that had to be left out (no name, a name used twice, parameters that are
/// not a JSON Schema object).
struct ToolDeclarations {
  std::vector<ToolDefinition> tools;
  std::vector<std::string> problems;
};

/// Reads a list_tools reply: a JSON array in the OpenAI "tools" shape
/// ({"type":"function","function":{"name","description","parameters"}}), each
/// entry optionally carrying "x-manifold": {"live_intents": [...],
/// "cache_ttl_ms": N}. Throws ToolsetError when the reply is not an array.
ToolDeclarations readToolDeclarations(const std::string& toolset, const std::string& listJson);

}  // namespace manifold::tools
