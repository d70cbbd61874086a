#pragma once

#include <manifold/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace toolcommon {

/// One tool as list_tools declares it (tools-contract.md, "list_tools").
struct ToolSpec {
  std::string name;  ///< [A-Za-z0-9_-], no "__"
  std::string description;
  manifold::json::Value parameters;      ///< a JSON Schema object
  std::vector<std::string> liveIntents;  ///< only for the live tool
  int64_t cacheTtlMs = 0;                ///< 0: the host never caches the result
};

/// {"type":"function","function":{...},"x-manifold":{...}}; x-manifold is
/// left out when there are no intents and no cache TTL.
manifold::json::Value toolEntry(const ToolSpec& spec);
/// The JSON array list_tools writes.
std::string toolList(const std::vector<ToolSpec>& specs);

/// {"type":"object","properties":...,"required":[...],"additionalProperties":false}
manifold::json::Value objectSchema(
    std::vector<std::pair<std::string, manifold::json::Value>> properties,
    std::vector<std::string> required);
/// The one schema a live tool may have: {"query": string}, required.
manifold::json::Value liveQuerySchema();

/// {"type":"string","description":...}
manifold::json::Value stringProperty(std::string description);
/// {"type":"number","description":...}
manifold::json::Value numberProperty(std::string description);
/// {"type":"integer","description":...,"minimum":min,"maximum":max}
manifold::json::Value integerProperty(std::string description, int64_t minimum, int64_t maximum);

}  // namespace toolcommon
