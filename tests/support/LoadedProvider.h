#pragma once

#include <memory>
#include <string>

#include "plugins/PluginManager.h"
#include "plugins/ProviderInstance.h"
#include "support/TempDir.h"

namespace manifold::test {

/// One provider plugin loaded through the real loader from a private folder,
/// with one instance created: what a test needs to drive a provider directly.
class LoadedProvider {
 public:
  /// Copies `library` into a fresh folder and loads it. `instance()` is null
  /// (and `problem()` says why) when the plugin or its instance failed.
  LoadedProvider(const std::string& library, const std::string& pluginId);

  const std::shared_ptr<plugins::ProviderInstance>& instance() const { return instance_; }
  const std::string& problem() const { return problem_; }

 private:
  TempDir folder_;
  std::unique_ptr<plugins::PluginManager> manager_;
  std::shared_ptr<plugins::ProviderInstance> instance_;
  std::string problem_;
};

}  // namespace manifold::test
