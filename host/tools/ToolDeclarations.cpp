#include "tools/ToolDeclarations.h"

#include <manifold/json.hpp>

#include <set>

#include "tools/Toolset.h"

namespace manifold::tools {

std::string wireNameOf(const std::string& toolset, const std::string& name) {
  std::string wire = toolset + "__" + name;
  for (char& c : wire) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!allowed) c = '_';
  }
  if (wire.size() > 64) wire.resize(64);
  return wire;
}

ToolDeclarations readToolDeclarations(const std::string& toolset, const std::string& listJson) {
  const std::optional<json::Value> list = json::parse(listJson);
  if (!list || !list->isArray())
    throw ToolsetError(toolset + ": list_tools did not write a JSON array");
  ToolDeclarations out;
  std::set<std::string> wireNames;
  for (const json::Value& entry : list->asArray()) {
    const json::Value& function = entry["function"];
    const std::string& name = function["name"].asString();
    if (name.empty()) {
      out.problems.push_back(toolset + ": a tool without a function.name was left out");
      continue;
    }
    const json::Value& parameters = function["parameters"];
    if (!parameters.isNull() && !parameters.isObject()) {
      out.problems.push_back(toolset + ": tool " + name +
                             " was left out: its parameters are not a JSON Schema object");
      continue;
    }
    ToolDefinition tool;
    tool.toolset = toolset;
    tool.name = name;
    tool.wireName = wireNameOf(toolset, name);
    if (!wireNames.insert(tool.wireName).second) {
      out.problems.push_back(toolset + ": tool " + name + " was left out: its wire name " +
                             tool.wireName + " is taken");
      continue;
    }
    tool.description = function["description"].asString();
    tool.parametersJson = parameters.isObject() ? json::stringify(parameters)
                                                : R"({"type":"object","properties":{}})";
    const json::Value& extension = entry["x-manifold"];
    for (const json::Value& intent : extension["live_intents"].asArray())
      if (intent.isString() && !intent.asString().empty())
        tool.liveIntents.push_back(intent.asString());
    tool.cacheTtlMs = std::max<int64_t>(0, extension["cache_ttl_ms"].asInt(0));
    out.tools.push_back(std::move(tool));
  }
  return out;
}

}  // namespace manifold::tools
