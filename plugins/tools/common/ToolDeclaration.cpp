#include "common/ToolDeclaration.h"

namespace toolcommon {

namespace json = manifold::json;

namespace {

json::Value stringArray(const std::vector<std::string>& items) {
  json::Value out = json::Value::array();
  for (const std::string& item : items) out.push(item);
  return out;
}

json::Value typed(const char* type, std::string description) {
  json::Value out = json::Value::object();
  out.set("type", type);
  if (!description.empty()) out.set("description", std::move(description));
  return out;
}

}  // namespace

json::Value toolEntry(const ToolSpec& spec) {
  json::Value function = json::Value::object();
  function.set("name", spec.name);
  function.set("description", spec.description);
  function.set("parameters", spec.parameters.isObject() ? spec.parameters : objectSchema({}, {}));
  json::Value entry = json::Value::object();
  entry.set("type", "function");
  entry.set("function", std::move(function));
  if (!spec.liveIntents.empty() || spec.cacheTtlMs > 0) {
    json::Value extension = json::Value::object();
    if (!spec.liveIntents.empty()) extension.set("live_intents", stringArray(spec.liveIntents));
    if (spec.cacheTtlMs > 0) extension.set("cache_ttl_ms", spec.cacheTtlMs);
    entry.set("x-manifold", std::move(extension));
  }
  return entry;
}

std::string toolList(const std::vector<ToolSpec>& specs) {
  json::Value list = json::Value::array();
  for (const ToolSpec& spec : specs) list.push(toolEntry(spec));
  return json::stringify(list);
}

json::Value objectSchema(std::vector<std::pair<std::string, json::Value>> properties,
                         std::vector<std::string> required) {
  json::Value props = json::Value::object();
  for (auto& [name, schema] : properties) props.set(name, std::move(schema));
  json::Value schema = json::Value::object();
  schema.set("type", "object");
  schema.set("properties", std::move(props));
  if (!required.empty()) schema.set("required", stringArray(required));
  schema.set("additionalProperties", false);
  return schema;
}

json::Value liveQuerySchema() {
  json::Value query = json::Value::object();
  query.set("type", "string");
  json::Value props = json::Value::object();
  props.set("query", std::move(query));
  json::Value schema = json::Value::object();
  schema.set("type", "object");
  schema.set("properties", std::move(props));
  schema.set("required", stringArray({"query"}));
  return schema;
}

json::Value stringProperty(std::string description) {
  return typed("string", std::move(description));
}

json::Value numberProperty(std::string description) {
  return typed("number", std::move(description));
}

json::Value integerProperty(std::string description, int64_t minimum, int64_t maximum) {
  json::Value out = typed("integer", std::move(description));
  out.set("minimum", minimum);
  out.set("maximum", maximum);
  return out;
}

}  // namespace toolcommon
