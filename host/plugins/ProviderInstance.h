#pragma once

#include <manifold/plugin.h>

#include <memory>
#include <string>

#include "plugins/PluginLibrary.h"

namespace manifold::plugins {

/// One live instance of a provider plugin. It holds its library, so the code
/// it runs stays mapped for as long as any request uses the instance.
class ProviderInstance {
 public:
  /// Creates an instance; on failure returns null and fills `error`.
  static std::shared_ptr<ProviderInstance> create(std::shared_ptr<PluginLibrary> library,
                                                  const std::string& configJson, mf_error& error);
  ~ProviderInstance();

  ProviderInstance(const ProviderInstance&) = delete;
  ProviderInstance& operator=(const ProviderInstance&) = delete;

  const PluginLibrary& library() const { return *library_; }
  const mf_provider_api& api() const { return *library_->providerApi(); }
  void* handle() const { return handle_; }
  /// True for providers that answer in-process (generate) rather than through HTTP.
  bool generates() const { return api().generate != nullptr; }

 private:
  ProviderInstance(std::shared_ptr<PluginLibrary> library, void* handle);

  std::shared_ptr<PluginLibrary> library_;
  void* handle_;
};

}  // namespace manifold::plugins
