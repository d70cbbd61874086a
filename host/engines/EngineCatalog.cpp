#include "engines/EngineCatalog.h"

#include <Poco/Environment.h>
#include <Poco/Logger.h>
#include <Poco/String.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "plugins/AbiStrings.h"

namespace manifold::engines {
EngineCatalog::EngineCatalog(const config::GatewayConfig& config,
                             const plugins::PluginDirectory& plugins)
    : config_(config), plugins_(plugins) {
  for (const auto& engine : config_.engines) {
    if (!engine.keyFile.empty()) {
      std::string problem;
      keysByEngine_[engine.id] = keyFilePool(engine.keyFile, problem);
      if (!problem.empty())
        Poco::Logger::get("engines").warning("engine %s: %s", engine.id, problem);
    } else {
      keysByEngine_[engine.id] = keyPool(engine.keyEnv);
    }
  }
}

bool EngineCatalog::hasKey(const config::EngineConfig& engine) const {
  auto keys = keysByEngine_.find(engine.id);
  return !engine.needsKey() || (keys != keysByEngine_.end() && !keys->second.empty());
}

int EngineCatalog::keyCount(const config::EngineConfig& engine) const {
  if (!engine.needsKey()) return 1;
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

std::vector<std::string> EngineCatalog::keyFilePool(const std::string& path, std::string& problem) {
  namespace fs = std::filesystem;
  std::vector<std::string> keys;
  auto readKeys = [&](const fs::path& file, bool oneKey) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      problem = "cannot read key file \"" + file.string() + "\"";
      return;
    }
    std::string line;
    while (std::getline(in, line)) {
      const std::string key = Poco::trim(line);
      if (key.empty() || key[0] == '#') continue;
      keys.push_back(key);
      if (oneKey) return;
    }
  };
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    readKeys(path, false);
    return keys;
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    // Kubernetes mounts secrets through ..data links; the keys are the plain names.
    if (name.empty() || name[0] == '.' || !entry.is_regular_file(ec)) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) readKeys(file, true);
  return keys;
}

std::shared_ptr<plugins::ProviderInstance> EngineCatalog::providerFor(const std::string& pluginId,
                                                                      std::string& problem) const {
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
                                                     EngineUnavailable& why, int keyIndex) const {
  const config::EngineConfig* cfg = engine(engineId);
  if (!cfg) {
    why.reason = "unknown engine \"" + engineId + "\"";
    return std::nullopt;
  }
  ResolvedEngine resolved;
  resolved.config = cfg;
  if (!hasKey(*cfg)) {
    why.reason = "no key in " + cfg->keySource();
    return std::nullopt;
  }
  if (cfg->needsKey()) {
    const std::vector<std::string>& keys = keysByEngine_.at(cfg->id);
    if (keyIndex < 0 || keyIndex >= static_cast<int>(keys.size())) {
      why.reason = "no key #" + std::to_string(keyIndex + 1) + " in " + cfg->keySource();
      return std::nullopt;
    }
    resolved.apiKey = keys[static_cast<size_t>(keyIndex)];
  }
  resolved.provider = providerFor(cfg->provider, why.reason);
  if (!resolved.provider) return std::nullopt;
  return resolved;
}

}  // namespace manifold::engines
