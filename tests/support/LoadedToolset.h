#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plugins/PluginManager.h"
#include "support/TempDir.h"
#include "tools/PluginToolset.h"
#include "upstream/PooledHttpExchange.h"

namespace manifold::test {

/// A built toolset plugin (`<plugin>.so` from the plugin output folder),
/// loaded by the host's real loader with a real mf_host whose HTTP goes
/// through the host's client and egress policy (which lets the given loopback
/// ports through), and one instance of it as the host makes them.
class LoadedToolset {
 public:
  /// `settingsJson`: plugins.settings.<plugin>; `configJson`: what create() gets.
  LoadedToolset(const std::string& plugin, const std::string& configJson,
                std::vector<uint16_t> allowedPorts, const std::string& settingsJson = "{}");

  /// Null when the plugin did not load or refused to start; problem() says why.
  tools::PluginToolset* operator->() const { return toolset_.get(); }
  tools::PluginToolset* get() const { return toolset_.get(); }
  const std::string& problem() const { return problem_; }

 private:
  TempDir folder_;
  std::unique_ptr<upstream::PooledHttpExchange> http_;
  std::unique_ptr<plugins::PluginManager> manager_;
  std::unique_ptr<tools::PluginToolset> toolset_;
  std::string problem_;
};

}  // namespace manifold::test
