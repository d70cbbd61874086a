#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/GatewayConfig.h"
#include "plugins/PluginManager.h"
#include "plugins/ProviderInstance.h"

namespace manifold::engines {

/// An engine ready to take a request: its config, the provider instance of the
/// plugin version current when it was resolved, and the key to use.
struct ResolvedEngine {
  const config::EngineConfig* config = nullptr;
  std::shared_ptr<plugins::ProviderInstance> provider;
  std::string apiKey;
};

/// Why an engine could not be used right now.
struct EngineUnavailable {
  std::string reason;
};

/// The engines and modes from config, bound to the plugins loaded now.
class EngineCatalog {
 public:
  EngineCatalog(const config::GatewayConfig& config, const plugins::PluginDirectory& plugins);

  const std::vector<config::EngineConfig>& engines() const { return config_.engines; }
  const config::EngineConfig* engine(const std::string& id) const;
  const config::ModeConfig* mode(const std::string& name) const;

  /// The keys of an engine's pool: NAME, NAME_2, NAME_3... up to the first gap.
  static std::vector<std::string> keyPool(const std::string& baseName);
  /// Whether an engine can be used as far as keys go (it needs none, or has one).
  bool hasKey(const config::EngineConfig& engine) const;
  /// How many keys an engine can be tried with: its pool's size, or 1 when it
  /// needs no key.
  int keyCount(const config::EngineConfig& engine) const;

  /// Binds an engine to the current version of its provider plugin. Fails
  /// with a reason when the plugin is missing, is not a provider, or the
  /// engine needs a key and has none.
  std::optional<ResolvedEngine> resolve(const std::string& engineId, EngineUnavailable& why,
                                        int keyIndex = 0);

  /// The engine ids a request for `model` walks: "mode/<name>" is that mode's
  /// chain, an engine id is that engine, anything else maps to a mode by name.
  std::vector<std::string> routeFor(const std::string& model, std::string& modeName) const;

 private:
  std::shared_ptr<plugins::ProviderInstance> providerFor(const std::string& pluginId,
                                                         std::string& problem);

  const config::GatewayConfig& config_;
  const plugins::PluginDirectory& plugins_;
  // The environment is fixed for the life of the process: read it once.
  std::map<std::string, std::vector<std::string>> keysByEngine_;
  std::mutex instancesMutex_;
  std::map<std::string, std::shared_ptr<plugins::ProviderInstance>> instances_;  // by plugin id
};

}  // namespace manifold::engines
