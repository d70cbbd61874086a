#pragma once

#ifndef BOOST_DLL_USE_STD_FS
#define BOOST_DLL_USE_STD_FS  // std::filesystem instead of Boost.Filesystem
#endif
#include <boost/dll/shared_library.hpp>

#include <manifold/plugin.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugins/PluginHostContext.h"
#include "router/PluginIntents.h"

namespace manifold::plugins {

/// One loaded, initialised plugin library. Everything created from it (provider
/// instances, streams) holds a shared_ptr to it, so the code stays mapped until
/// the last user is gone; then deinit runs and the library unloads.
class PluginLibrary {
 public:
  struct Origin {
    std::string sourcePath;   ///< the file in the plugin folder
    std::string fingerprint;  ///< identity of the file version that was loaded
    int64_t loadedAtMs = 0;
  };

  /// Takes ownership of an initialised library. `descriptor` is the plugin's,
  /// already checked; `providerApi` is its provider table, when it has one;
  /// `intents` its compiled manifold.intents/1 declarations, when it has them.
  PluginLibrary(std::unique_ptr<PluginHostContext> host, boost::dll::shared_library library,
                const mf_plugin_descriptor& descriptor, std::optional<mf_provider_api> providerApi,
                Origin origin, std::shared_ptr<const router::PluginIntents> intents = nullptr);
  ~PluginLibrary();

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::string& id() const { return id_; }
  const std::string& version() const { return version_; }
  const std::string& description() const { return description_; }
  uint32_t abiMajor() const { return abiMajor_; }
  uint32_t abiMinor() const { return abiMinor_; }
  const std::vector<std::string>& kinds() const { return kinds_; }
  const Origin& origin() const { return origin_; }

  /// The provider table, or null when the plugin provides no provider.
  const mf_provider_api* providerApi() const { return providerApi_ ? &*providerApi_ : nullptr; }
  /// The intents the plugin declared, compiled at load; null when it declares none.
  const std::shared_ptr<const router::PluginIntents>& intents() const { return intents_; }
  /// The services table this plugin was given.
  const mf_host* hostTable() const { return host_->table(); }

 private:
  // Declared first so it is destroyed last: the plugin may call the host until
  // its library is unloaded.
  std::unique_ptr<PluginHostContext> host_;
  boost::dll::shared_library library_;
  void (*deinit_)(void) = nullptr;
  std::string id_;
  std::string version_;
  std::string description_;
  uint32_t abiMajor_ = 0;
  uint32_t abiMinor_ = 0;
  std::vector<std::string> kinds_;
  std::optional<mf_provider_api> providerApi_;
  Origin origin_;
  std::shared_ptr<const router::PluginIntents> intents_;
};

}  // namespace manifold::plugins
