#include "support/LoadedProvider.h"

#include <filesystem>

#include "plugins/AbiStrings.h"

namespace manifold::test {

LoadedProvider::LoadedProvider(const std::string& library, const std::string& pluginId) {
  installFile(library, folder_ / std::filesystem::path(library).filename().string());
  manager_ = std::make_unique<plugins::PluginManager>(
      std::make_unique<plugins::PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                              plugins::HostServiceDeps{}),
      50);
  manager_->scan(false);
  mf_error error = plugins::blankError();
  instance_ = plugins::ProviderInstance::create(manager_->find(pluginId), "{}", error);
  if (!instance_) problem_ = plugins::errorMessage(error);
}

}  // namespace manifold::test
