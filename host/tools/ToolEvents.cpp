#include "tools/ToolEvents.h"

#include <manifold/json.hpp>

#include "tools/ToolFence.h"

namespace manifold::tools {
namespace {

using json::quoted;

constexpr int64_t kSnippetChars = 300;
constexpr int64_t kEventResultChars = 64 * 1024;

std::string howItWent(const ToolResult& result) {
  std::string fields = std::string(",\"cached\":") + (result.cached ? "true" : "false") +
                       ",\"latency_ms\":" + std::to_string(result.latencyMs);
  if (!result.ok) fields += ",\"error_code\":" + quoted(result.errorName());
  return fields;
}

}  // namespace

std::string sourceItem(const ToolDefinition& tool, const ToolResult& result) {
  std::string url = "manifold:tool/" + tool.wireName;
  std::string title = tool.id();
  if (result.ok)
    if (const std::optional<json::Value> value = json::parse(result.json)) {
      if ((*value)["url"].isString()) url = (*value)["url"].asString();
      if ((*value)["source"].isString()) title += " (" + (*value)["source"].asString() + ")";
    }
  return "{\"url\":" + quoted(url) + ",\"title\":" + quoted(title) +
         ",\"snippet\":" + quoted(toolResultText(result, kSnippetChars)) +
         ",\"tool\":" + quoted(tool.wireName) + ",\"ok\":" + (result.ok ? "true" : "false") +
         howItWent(result) + "}";
}

std::string sourcesFields(const std::vector<std::string>& items) {
  std::string fields = "\"items\":[";
  for (size_t i = 0; i < items.size(); ++i) fields += (i ? "," : "") + items[i];
  return fields + "]";
}

std::string toolCallFields(int index, const std::string& callId, const std::string& wireName,
                           const std::string& argumentsJson, int step) {
  return "\"index\":" + std::to_string(index) + ",\"id\":" + quoted(callId) +
         ",\"name\":" + quoted(wireName) + ",\"arguments\":" + quoted(argumentsJson) +
         ",\"gateway\":true,\"step\":" + std::to_string(step);
}

std::string toolResultFields(const std::string& callId, const std::string& wireName,
                             const ToolResult& result, int step) {
  return "\"id\":" + quoted(callId) + ",\"name\":" + quoted(wireName) +
         ",\"content\":" + quoted(toolResultText(result, kEventResultChars)) +
         ",\"is_error\":" + (result.ok ? "false" : "true") + howItWent(result) +
         ",\"step\":" + std::to_string(step);
}

}  // namespace manifold::tools
