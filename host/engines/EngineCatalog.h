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

/// The engines and modes of one config snapshot, with their key pools, bound
/// to the plugins loaded now. Its keys are read once, when it is built (a
/// reload builds a new catalog and so re-reads them); provider instances are
/// made on first use and shared by every request of this snapshot.
class EngineCatalog {
 public:
  /// `config` must outlive the catalog (both live in one RuntimeSnapshot).
  EngineCatalog(const config::GatewayConfig& config, const plugins::PluginDirectory& plugins);

  const std::vector<config::EngineConfig>& engines() const { return config_.engines; }
  const std::vector<config::ModeConfig>& modes() const { return config_.modes; }
  const config::EngineConfig* engine(const std::string& id) const;
  const config::ModeConfig* mode(const std::string& name) const;

  /// The keys of an environment pool: NAME, NAME_2, NAME_3... up to the first gap.
  static std::vector<std::string> keyPool(const std::string& baseName);
  /// The keys of a mounted secret: a file, one key per line (blank lines and
  /// lines starting with # skipped), or a folder, one key per file in name
  /// order (hidden files skipped). `problem` is set when it cannot be read.
  static std::vector<std::string> keyFilePool(const std::string& path, std::string& problem);
  /// Whether an engine can be used as far as keys go (it needs none, or has one).
  bool hasKey(const config::EngineConfig& engine) const;
  /// How many keys an engine can be tried with: its pool's size, or 1 when it
  /// needs no key.
  int keyCount(const config::EngineConfig& engine) const;

  /// Binds an engine to the current version of its provider plugin. Fails
  /// with a reason when the plugin is missing, is not a provider, or the
  /// engine needs a key and has none.
  std::optional<ResolvedEngine> resolve(const std::string& engineId, EngineUnavailable& why,
                                        int keyIndex = 0) const;

 private:
  std::shared_ptr<plugins::ProviderInstance> providerFor(const std::string& pluginId,
                                                         std::string& problem) const;

  const config::GatewayConfig& config_;
  const plugins::PluginDirectory& plugins_;
  std::map<std::string, std::vector<std::string>> keysByEngine_;
  mutable std::mutex instancesMutex_;
  // By plugin id; a cache, so filled by const lookups.
  mutable std::map<std::string, std::shared_ptr<plugins::ProviderInstance>> instances_;
};

}  // namespace manifold::engines
