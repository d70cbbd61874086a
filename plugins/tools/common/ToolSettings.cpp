#include "common/ToolSettings.h"

#include <optional>
#include <utility>

namespace toolcommon {

namespace json = manifold::json;

ToolSettings::ToolSettings(const manifold::Host& host, std::string_view configJson,
                           std::string pluginId)
    : host_(host), pluginId_(std::move(pluginId)) {
  if (configJson.empty()) return;
  std::optional<json::Value> parsed = json::parse(configJson);
  if (!parsed || (!parsed->isObject() && !parsed->isNull()))
    throw manifold::Error(MF_ERR_INVALID, pluginId_ + ": the plugin config is not a JSON object");
  if (parsed->isObject()) config_ = std::move(*parsed);
}

json::Value ToolSettings::get(std::string_view name) const {
  if (const json::Value* v = config_.find(name)) return *v;
  const std::optional<std::string> text = host_.config(name);
  if (!text) return {};
  std::optional<json::Value> parsed = json::parse(*text);
  // The host hands some settings over as bare text rather than JSON.
  return parsed ? std::move(*parsed) : json::Value(*text);
}

void ToolSettings::invalid(std::string_view name, std::string_view what) const {
  throw manifold::Error(MF_ERR_INVALID,
                        pluginId_ + ": setting \"" + std::string(name) + "\" " + std::string(what));
}

std::string ToolSettings::string(std::string_view name, std::string fallback) const {
  const json::Value v = get(name);
  if (v.isNull()) return fallback;
  if (!v.isString()) invalid(name, "must be a string");
  return v.asString();
}

int64_t ToolSettings::positiveInt(std::string_view name, int64_t fallback) const {
  const json::Value v = get(name);
  if (v.isNull()) return fallback;
  if (!v.isInt() || v.asInt() <= 0) invalid(name, "must be a positive integer");
  return v.asInt();
}

bool ToolSettings::boolean(std::string_view name, bool fallback) const {
  const json::Value v = get(name);
  if (v.isNull()) return fallback;
  if (!v.isBool()) invalid(name, "must be true or false");
  return v.asBool();
}

std::string ToolSettings::url(std::string_view name, std::string fallback) const {
  std::string value = string(name, std::move(fallback));
  while (!value.empty() && value.back() == '/') value.pop_back();
  if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
    invalid(name, "must be an http:// or https:// URL");
  return value;
}

int64_t ToolSettings::timeoutMs() const {
  return positiveInt("timeout_ms", kDefaultTimeoutMs);
}

}  // namespace toolcommon
