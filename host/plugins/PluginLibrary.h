#pragma once

#ifndef BOOST_DLL_USE_STD_FS
#define BOOST_DLL_USE_STD_FS  // std::filesystem instead of Boost.Filesystem
#endif
#include <boost/dll/shared_library.hpp>

#include <manifold/plugin.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/KindTable.h"
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

  /// One kind the plugin provides, with its table as its KindHandler checked it.
  struct Kind {
    std::string id;
    std::unique_ptr<KindTable> table;
  };

  /// Takes ownership of an initialised library. `descriptor` is the plugin's,
  /// already checked; `kinds` the kinds the host loaded from it, in the order
  /// the plugin declared them; `ignoredKinds` the kind ids it declared that
  /// this host does not know.
  PluginLibrary(std::unique_ptr<PluginHostContext> host, boost::dll::shared_library library,
                const mf_plugin_descriptor& descriptor, std::vector<Kind> kinds,
                std::vector<std::string> ignoredKinds, Origin origin);
  ~PluginLibrary();

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::string& id() const { return id_; }
  const std::string& version() const { return version_; }
  const std::string& description() const { return description_; }
  uint32_t abiMajor() const { return abiMajor_; }
  uint32_t abiMinor() const { return abiMinor_; }
  /// The kind ids the host loaded from this plugin, in declaration order.
  const std::vector<std::string>& kinds() const { return kindIds_; }
  /// Kind ids the plugin declared that this host does not know (a newer SDK's).
  const std::vector<std::string>& ignoredKinds() const { return ignoredKinds_; }
  const Origin& origin() const { return origin_; }

  /// The checked table for a kind id, or null when the plugin does not provide
  /// that kind. Its concrete type is the one the kind's handler produces.
  const KindTable* table(std::string_view kindId) const;

  // Conveniences over table(), resolved once at construction.
  /// The provider table, or null when the plugin provides no provider.
  const mf_provider_api* providerApi() const { return providerApi_; }
  /// The toolset table, or null when the plugin provides no toolset.
  const mf_toolset_api* toolsetApi() const { return toolsetApi_; }
  /// The dispatcher table, or null when the plugin provides no dispatcher.
  const mf_dispatcher_api* dispatcherApi() const { return dispatcherApi_; }
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
  std::vector<Kind> kinds_;
  std::vector<std::string> kindIds_;
  std::vector<std::string> ignoredKinds_;
  Origin origin_;
  const mf_provider_api* providerApi_ = nullptr;
  const mf_toolset_api* toolsetApi_ = nullptr;
  const mf_dispatcher_api* dispatcherApi_ = nullptr;
  std::shared_ptr<const router::PluginIntents> intents_;
};

}  // namespace manifold::plugins
