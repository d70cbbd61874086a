#include "mcp/McpToolJson.h"

namespace manifold::mcp {
namespace {

json::Value textContent(const std::string& text) {
  json::Value block = json::Value::object();
  block.set("type", "text");
  block.set("text", text);
  json::Value content = json::Value::array();
  content.push(std::move(block));
  return content;
}

}  // namespace

json::Value mcpTool(const tools::ToolDefinition& tool) {
  json::Value out = json::Value::object();
  out.set("name", tool.wireName);
  out.set("description", tool.description);
  std::optional<json::Value> schema = json::parse(tool.parametersJson);
  if (!schema || !schema->isObject()) {
    // The runtime checks schemas; a tool without a usable one still takes an object.
    schema = json::Value::object();
    schema->set("type", "object");
  }
  out.set("inputSchema", std::move(*schema));
  return out;
}

json::Value callToolResult(const tools::ToolResult& result) {
  json::Value out = json::Value::object();
  if (!result.ok) {
    out.set("isError", true);
    out.set("content", textContent(result.message));
    return out;
  }
  std::optional<json::Value> value = json::parse(result.json);
  if (value && value->isObject() && (*value)["content"].isArray()) return std::move(*value);
  out.set("content", textContent(result.json));
  if (value && value->isObject()) out.set("structuredContent", std::move(*value));
  return out;
}

}  // namespace manifold::mcp
