#include "plugins/PluginLibrary.h"

#include <Poco/Logger.h>

#include "plugins/AbiStrings.h"

namespace manifold::plugins {

PluginLibrary::PluginLibrary(std::unique_ptr<PluginHostContext> host,
                             boost::dll::shared_library library,
                             const mf_plugin_descriptor& descriptor,
                             std::optional<mf_provider_api> providerApi, Origin origin,
                             std::shared_ptr<const router::PluginIntents> intents)
    : host_(std::move(host)),
      library_(std::move(library)),
      deinit_(descriptor.deinit),
      id_(fromAbi(descriptor.id)),
      version_(fromAbi(descriptor.version)),
      description_(fromAbi(descriptor.description)),
      abiMajor_(descriptor.abi_major),
      abiMinor_(descriptor.abi_minor),
      providerApi_(providerApi),
      origin_(std::move(origin)),
      intents_(std::move(intents)) {
  for (uint64_t i = 0; descriptor.kinds && i < descriptor.kind_count; ++i)
    kinds_.push_back(fromAbi(descriptor.kinds[i]));
}

PluginLibrary::~PluginLibrary() {
  if (deinit_) {
    try {
      deinit_();
    } catch (...) {
      Poco::Logger::get("plugins").error("plugin %s threw from deinit", id_);
    }
  }
  Poco::Logger::get("plugins").information("plugin %s %s unloaded (%s)", id_, version_,
                                           origin_.sourcePath);
}

}  // namespace manifold::plugins
