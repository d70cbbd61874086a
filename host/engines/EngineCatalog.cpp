#include "engines/EngineCatalog.h"

#include <Poco/Environment.h>
#include <Poco/String.h>

#include "plugins/AbiStrings.h"

namespace manifold::engines {
namespace {

// Maps a model name nobody configured to the mode that best fits it.
std::string modeForModelName(const std::string& model) {
  const std::string m = Poco::toLower(model);
  auto has = [&m](std::initializer_list<const char*> words) {
    for (const char* w : words)
      if (m.find(w) != std::string::npos) return true;
    return false;
  };
  if (has({"codestral", "coder", "code"})) return "coder";
  if (has({"reason", "o1", "o3", "think"})) return "reasoner";
  if (has({"vision", "pixtral", "scout"})) return "vision";
  if (has({"flash", "fast", "mini", "8b"})) return "fast";
  return "smart";
}

}  // namespace

EngineCatalog::EngineCatalog(const config::GatewayConfig& config,
                             const plugins::PluginDirectory& plugins)
    : config_(config), plugins_(plugins) {
  for (const auto& engine : config_.engines) keysByEngine_[engine.id] = keyPool(engine.keyEnv);
}

bool EngineCatalog::hasKey(const config::EngineConfig& engine) const {
  auto keys = keysByEngine_.find(engine.id);
  return engine.keyEnv.empty() || (keys != keysByEngine_.end() && !keys->second.empty());
}

int EngineCatalog::keyCount(const config::EngineConfig& engine) const {
  if (engine.keyEnv.empty()) return 1;
  auto keys = keysByEngine_.find(engine.id);
  return keys == keysByEngine_.end() ? 0 : static_cast<int>(keys->second.size());
}

const config::EngineConfig* EngineCatalog::engine(const std::string& id) const {
  for (const auto& e : config_.engines)
    if (e.id == id) return &e;
  return nullptr;
}

const config::ModeConfig* EngineCatalog::mode(const std::string& name) const {
  for (const auto& m : config_.modes)
    if (m.name == name) return &m;
  return nullptr;
}

std::vector<std::string> EngineCatalog::keyPool(const std::string& baseName) {
  std::vector<std::string> keys;
  if (baseName.empty()) return keys;
  for (int i = 1;; ++i) {
    const std::string name = i == 1 ? baseName : baseName + "_" + std::to_string(i);
    if (!Poco::Environment::has(name)) break;
    const std::string value = Poco::trim(Poco::Environment::get(name));
    if (value.empty()) break;
    keys.push_back(value);
  }
  return keys;
}

std::shared_ptr<plugins::ProviderInstance> EngineCatalog::providerFor(const std::string& pluginId,
                                                                      std::string& problem) {
  std::shared_ptr<plugins::PluginLibrary> library = plugins_.find(pluginId);
  if (!library) {
    problem = "provider plugin \"" + pluginId + "\" is not loaded";
    return nullptr;
  }
  if (!library->providerApi()) {
    problem = "plugin \"" + pluginId + "\" is not a provider";
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(instancesMutex_);
  auto& cached = instances_[pluginId];
  // A replaced plugin gets a fresh instance; the old one lives on only in the
  // requests that still hold it.
  if (cached && &cached->library() == library.get()) return cached;
  mf_error error = plugins::blankError();
  auto settings = config_.plugins.settingsJson.find(pluginId);
  auto instance = plugins::ProviderInstance::create(
      library, settings == config_.plugins.settingsJson.end() ? "{}" : settings->second, error);
  if (!instance) {
    problem = "provider \"" + pluginId +
              "\" could not create an instance: " + plugins::errorMessage(error);
    return nullptr;
  }
  cached = instance;
  return instance;
}

std::optional<ResolvedEngine> EngineCatalog::resolve(const std::string& engineId,
                                                     EngineUnavailable& why, int keyIndex) {
  const config::EngineConfig* cfg = engine(engineId);
  if (!cfg) {
    why.reason = "unknown engine \"" + engineId + "\"";
    return std::nullopt;
  }
  ResolvedEngine resolved;
  resolved.config = cfg;
  if (!hasKey(*cfg)) {
    why.reason = "no key in " + cfg->keyEnv;
    return std::nullopt;
  }
  if (!cfg->keyEnv.empty()) {
    const std::vector<std::string>& keys = keysByEngine_.at(cfg->id);
    if (keyIndex < 0 || keyIndex >= static_cast<int>(keys.size())) {
      why.reason = "no key #" + std::to_string(keyIndex + 1) + " in " + cfg->keyEnv;
      return std::nullopt;
    }
    resolved.apiKey = keys[static_cast<size_t>(keyIndex)];
  }
  resolved.provider = providerFor(cfg->provider, why.reason);
  if (!resolved.provider) return std::nullopt;
  return resolved;
}

std::vector<std::string> EngineCatalog::routeFor(const std::string& model,
                                                 std::string& modeName) const {
  modeName.clear();
  if (model.rfind("mode/", 0) == 0) {
    modeName = model.substr(5);
  } else if (engine(model)) {
    return {model};
  } else {
    modeName = modeForModelName(model);
    if (!mode(modeName)) modeName = mode("smart") ? "smart" : "";
  }
  const config::ModeConfig* m = modeName.empty() ? nullptr : mode(modeName);
  return m ? m->chain : std::vector<std::string>{};
}

}  // namespace manifold::engines
