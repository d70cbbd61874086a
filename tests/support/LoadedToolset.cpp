#include "support/LoadedToolset.h"

#include "support/TestPaths.h"

namespace manifold::test {

LoadedToolset::LoadedToolset(const std::string& plugin, const std::string& configJson,
                             std::vector<uint16_t> allowedPorts, const std::string& settingsJson) {
  installFile(pluginOutputDir() + "/" + plugin + ".so", folder_ / (plugin + ".so"));
  config::EgressConfig egress;
  for (uint16_t port : allowedPorts) egress.allow.push_back("127.0.0.1:" + std::to_string(port));
  http_ =
      std::make_unique<upstream::PooledHttpExchange>(egress, upstream::ProxySettings("", "", ""));
  manager_ = std::make_unique<plugins::PluginManager>(
      std::make_unique<plugins::PluginLoader>(
          folder_.str(), std::map<std::string, std::string>{{plugin, settingsJson}},
          plugins::HostServiceDeps{nullptr, http_.get()}),
      50);
  manager_->scan(false);
  std::shared_ptr<plugins::PluginLibrary> library = manager_->find(plugin);
  if (!library) {
    problem_ = plugin + ".so did not load";
    return;
  }
  try {
    toolset_ = std::make_unique<tools::PluginToolset>(plugin, library, configJson);
  } catch (const tools::ToolsetError& e) {
    problem_ = e.what();
  }
}

}  // namespace manifold::test
