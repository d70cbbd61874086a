#include "McpToolset.h"

#include <manifold/json.hpp>

#include <utility>

namespace mcp {
namespace {

namespace json = manifold::json;

json::Value declaration(const json::Value& tool) {
  json::Value parameters =
      tool["inputSchema"].isObject() ? tool["inputSchema"] : json::Value::object();
  if (!parameters.contains("type")) parameters.set("type", "object");
  json::Value function = json::Value::object();
  function.set("name", tool["name"].asString());
  const std::string& description = tool["description"].asString();
  function.set("description", description.empty() ? tool["title"].asString() : description);
  function.set("parameters", std::move(parameters));
  json::Value entry = json::Value::object();
  entry.set("type", "function");
  entry.set("function", std::move(function));
  return entry;
}

}  // namespace

void McpToolset::refuse(int32_t code, const std::string& what) const {
  const std::string message = session_.settings().who() + " " + what;
  host_.warn(message);
  throw manifold::Error(code, message);
}

McpToolset::McpToolset(manifold::Host host, std::string_view configJson)
    : host_(host), session_(host, McpSettings::read(configJson)) {}

std::string McpToolset::listTools() {
  const McpSettings& settings = session_.settings();
  json::Value tools = json::Value::array();
  std::set<std::string> names;
  std::string cursor;
  for (int64_t page = 0;; ++page) {
    if (page == settings.maxPages) {
      host_.warn(settings.who() + " has more than " + std::to_string(settings.maxPages) +
                 " pages of tools (max_pages); the rest are left out");
      break;
    }
    json::Value params = json::Value::object();
    if (!cursor.empty()) params.set("cursor", cursor);
    const json::Value result = session_.request("tools/list", std::move(params));
    if (!result["tools"].isArray())
      refuse(MF_ERR_INTERNAL, "answered tools/list without a tools array");
    for (const json::Value& tool : result["tools"].asArray()) {
      if (!tool["name"].isString() || tool["name"].asString().empty()) continue;
      if (!names.insert(tool["name"].asString()).second) continue;
      tools.push(declaration(tool));
    }
    const json::Value& next = result["nextCursor"];
    if (!next.isString() || next.asString().empty() || next.asString() == cursor) break;
    cursor = next.asString();
  }
  {
    std::lock_guard<std::mutex> lock(namesMutex_);
    names_ = names;
  }
  return json::stringify(tools);
}

bool McpToolset::knows(const std::string& name) {
  {
    std::lock_guard<std::mutex> lock(namesMutex_);
    if (names_.count(name)) return true;
  }
  listTools();  // the server's list may have grown since it was last read
  std::lock_guard<std::mutex> lock(namesMutex_);
  return names_.count(name) > 0;
}

std::string McpToolset::callTool(std::string_view name, std::string_view argumentsJson) {
  const std::string tool(name);
  std::optional<json::Value> arguments =
      json::parse(argumentsJson.empty() ? std::string_view("{}") : argumentsJson);
  if (!arguments || !arguments->isObject())
    refuse(MF_ERR_INVALID, "was not called: the arguments of " + tool + " must be a JSON object");
  if (!knows(tool)) refuse(MF_ERR_NOT_FOUND, "has no tool '" + tool + "'");
  json::Value params = json::Value::object();
  params.set("name", tool);
  params.set("arguments", std::move(*arguments));
  json::Value meta = json::Value::object();
  meta.set("progressToken", "manifold-" + tool);  // progress events are read and skipped
  params.set("_meta", std::move(meta));
  const json::Value result = session_.request("tools/call", std::move(params), tool);
  if (result["resultType"].asString() == "input_required")
    refuse(MF_ERR_UNAVAILABLE,
           "asked for user input to finish " + tool + ", which the bridge cannot give");
  if (!result["content"].isArray())
    refuse(MF_ERR_INTERNAL, "answered tools/call of " + tool + " without content");
  return json::stringify(result);
}

}  // namespace mcp
