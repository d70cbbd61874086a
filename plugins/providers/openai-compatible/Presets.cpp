#include "Presets.h"

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

namespace openai_compatible {
namespace {

namespace json = manifold::json;

[[noreturn]] void malformed(const std::string& what) {
  throw manifold::Error(MF_ERR_INTERNAL, "openai-compatible: presets.json: " + what);
}

Preset parsePreset(const std::string& name, const json::Value& v) {
  if (!v.isObject()) malformed("preset \"" + name + "\" is not an object");
  Preset p;
  p.name = name;
  p.baseUrl = v["base_url"].asString();
  if (p.baseUrl.empty()) malformed("preset \"" + name + "\" has no base_url");
  const std::string auth = v["auth"].isNull() ? "bearer" : v["auth"].asString();
  if (auth == "bearer")
    p.auth = AuthStyle::Bearer;
  else if (auth == "none")
    p.auth = AuthStyle::None;
  else
    malformed("preset \"" + name + "\" has unknown auth \"" + auth + "\"");
  for (const json::Member& h : v["headers"].asObject()) {
    if (!h.second.isString()) malformed("header \"" + h.first + "\" of \"" + name + "\"");
    p.headers.push_back({h.first, h.second.asString()});
  }
  p.streamUsage = v["stream_usage"].asBool(true);
  p.prefillPrefix = v["prefill_prefix"].asBool(false);
  p.promptCacheKey = v["prompt_cache_key"].asBool(false);
  return p;
}

}  // namespace

const Presets& Presets::builtIn() {
  static const Presets presets = parse(kEmbeddedPresetsJson);
  return presets;
}

Presets Presets::parse(std::string_view text) {
  json::ParseError error;
  const std::optional<json::Value> doc = json::parse(text, &error);
  if (!doc || !doc->isObject()) malformed("not a JSON object: " + error.message);
  Presets out;
  for (const json::Member& m : doc->asObject())
    out.byName_.emplace(m.first, parsePreset(m.first, m.second));
  return out;
}

const Preset* Presets::find(std::string_view name) const {
  const auto it = byName_.find(name);
  return it == byName_.end() ? nullptr : &it->second;
}

std::string Presets::names() const {
  std::string out;
  for (const auto& entry : byName_) out += (out.empty() ? "" : ", ") + entry.first;
  return out;
}

}  // namespace openai_compatible
