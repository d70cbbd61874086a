#pragma once

#include <manifold/plugin.h>
#include <manifold/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "plugins/PluginManager.h"
#include "support/TempDir.h"
#include "upstream/PooledHttpExchange.h"

namespace manifold::test {

/// The built manus.so, loaded by the host's real plugin loader with a real
/// mf_host whose HTTP goes through the host's client and egress policy (which
/// lets one loopback port through), and one dispatcher instance made from it.
class LoadedDispatcher {
 public:
  struct Call {
    int32_t rc = MF_OK;
    std::string text;  ///< what the plugin wrote
    mf_error error{};
    json::Value json() const;
    std::string errorMessage() const { return error.message; }
  };

  /// `settingsJson`: plugins.settings.manus; `configJson`: what create() gets.
  LoadedDispatcher(const std::string& settingsJson, uint16_t allowedPort,
                   const std::string& configJson);
  LoadedDispatcher(const std::string& settingsJson, uint16_t allowedPort)
      : LoadedDispatcher(settingsJson, allowedPort, settingsJson) {}
  ~LoadedDispatcher();

  const std::shared_ptr<plugins::PluginLibrary>& plugin() const { return plugin_; }
  bool ready() const { return instance_ != nullptr; }
  const std::string& problem() const { return problem_; }

  Call listServices() const;
  Call start(const std::string& service, const std::string& taskJson) const;
  Call check(const std::string& service, const std::string& remoteId) const;
  Call stop(const std::string& service, const std::string& remoteId) const;
  Call verifier(const std::string& service, bool refresh) const;
  Call apply(const std::string& service,
             const std::vector<std::pair<std::string, std::string>>& headers,
             const std::string& body) const;

 private:
  TempDir folder_;
  std::unique_ptr<upstream::PooledHttpExchange> http_;
  std::unique_ptr<plugins::PluginManager> manager_;
  std::shared_ptr<plugins::PluginLibrary> plugin_;
  const mf_dispatcher_api* api_ = nullptr;
  void* instance_ = nullptr;
  std::string problem_;
};

}  // namespace manifold::test
