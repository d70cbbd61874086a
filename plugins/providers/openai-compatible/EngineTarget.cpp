#include "EngineTarget.h"

#include <manifold/json.hpp>

#include <manifold/adapter.hpp>

namespace openai_compatible {
using namespace manifold::adapter;
namespace {

namespace json = manifold::json;

constexpr const char* kDefaultPreset = "openai";
constexpr const char* kDefaultPath = "/chat/completions";

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "openai-compatible: " + what);
}

void setHeader(std::vector<HeaderPair>& headers, const std::string& name,
               const std::string& value) {
  for (HeaderPair& h : headers)
    if (equalsIgnoringCase(h.name, name)) {
      h.value = value;
      return;
    }
  headers.push_back({name, value});
}

json::Value parseOptions(std::string_view text) {
  if (text.empty()) return json::Value::object();
  json::ParseError error;
  std::optional<json::Value> options = json::parse(text, &error);
  if (!options || !options->isObject())
    invalid("engine options are not a JSON object: " + error.message);
  return std::move(*options);
}

std::string stringOption(const json::Value& options, const char* name, const char* fallback) {
  const json::Value& v = options[name];
  if (v.isNull()) return fallback;
  if (!v.isString()) invalid(std::string("engine option \"") + name + "\" must be a string");
  return v.asString();
}

}  // namespace

EngineTarget EngineTarget::resolve(const manifold::Engine& engine, const Presets& presets) {
  const json::Value options = parseOptions(engine.optionsJson);
  const std::string presetName = stringOption(options, "preset", kDefaultPreset);
  const Preset* preset = presets.find(presetName);
  if (!preset)
    invalid("unknown preset \"" + presetName + "\" (known presets: " + presets.names() + ")");

  EngineTarget target;
  target.presetName = preset->name;
  target.auth = preset->auth;
  target.headers = preset->headers;
  target.prefillPrefix = preset->prefillPrefix;
  target.promptCacheKey = options["prompt_cache_key"].asBool(preset->promptCacheKey);
  target.streamUsage = options["stream_usage"].asBool(preset->streamUsage);

  std::string base = engine.baseUrl.empty() ? preset->baseUrl : std::string(engine.baseUrl);
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string path = stringOption(options, "path", kDefaultPath);
  if (!path.empty() && path.front() != '/') path.insert(path.begin(), '/');
  target.baseUrl = base;
  target.url = base + path;

  const json::Value& headers = options["headers"];
  if (!headers.isNull() && !headers.isObject())
    invalid("engine option \"headers\" must be an object");
  for (const json::Member& h : headers.asObject()) {
    if (!h.second.isString()) invalid("engine header \"" + h.first + "\" must be a string");
    setHeader(target.headers, h.first, h.second.asString());
  }
  return target;
}

}  // namespace openai_compatible
