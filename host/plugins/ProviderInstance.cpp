#include "plugins/ProviderInstance.h"

#include "plugins/AbiStrings.h"

namespace manifold::plugins {

std::shared_ptr<ProviderInstance> ProviderInstance::create(std::shared_ptr<PluginLibrary> library,
                                                           const std::string& configJson,
                                                           mf_error& error) {
  if (!library || !library->providerApi()) {
    fillError(&error, MF_ERR_INTERNAL, false, "plugin provides no provider");
    return nullptr;
  }
  void* handle = nullptr;
  try {
    handle = library->providerApi()->create(library->hostTable(), toAbi(configJson), &error);
  } catch (...) {
    fillError(&error, MF_ERR_INTERNAL, false, "provider create threw an exception");
    return nullptr;
  }
  if (!handle) {
    if (error.code == MF_ERR_NONE)
      fillError(&error, MF_ERR_INTERNAL, false, "provider create failed");
    return nullptr;
  }
  return std::shared_ptr<ProviderInstance>(new ProviderInstance(std::move(library), handle));
}

ProviderInstance::ProviderInstance(std::shared_ptr<PluginLibrary> library, void* handle)
    : library_(std::move(library)), handle_(handle) {}

ProviderInstance::~ProviderInstance() {
  try {
    api().destroy(handle_);
  } catch (...) {
  }
}

}  // namespace manifold::plugins
