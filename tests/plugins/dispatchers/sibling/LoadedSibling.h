#pragma once

#include <manifold/plugin.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "plugins/PluginManager.h"
#include "support/TempDir.h"
#include "upstream/PooledHttpExchange.h"

namespace manifold::test {

/// What one dispatcher call gave back: its return code, the JSON it wrote,
/// and the error it filled.
struct DispatchOutcome {
  int32_t rc = MF_FAILED;
  std::string json;
  mf_error error{};
  bool ok() const { return rc == MF_OK; }
  std::string message() const { return error.message; }
};

/// The built sibling.so loaded through the host's real loader from a private
/// folder, with `servicesJson` as plugins.settings.sibling.services and HTTP
/// through the host's real client, whose egress policy allows only the
/// loopback ports given. One dispatcher instance is created when it loads.
class LoadedSibling {
 public:
  LoadedSibling(const std::string& servicesJson, const std::vector<uint16_t>& allowedPorts);
  ~LoadedSibling();

  /// The loaded plugin; null when it was refused (refusal() says why).
  const std::shared_ptr<plugins::PluginLibrary>& plugin() const { return plugin_; }
  std::string refusal() const;
  /// The loaded plugins, as the router reads them.
  const plugins::PluginDirectory& directory() const { return *manager_; }
  /// Why the instance could not be created, "" when it was.
  const std::string& createProblem() const { return createProblem_; }

  DispatchOutcome listServices() const;
  DispatchOutcome start(const std::string& service, const std::string& taskJson) const;
  DispatchOutcome check(const std::string& service, const std::string& remoteId) const;
  DispatchOutcome stop(const std::string& service, const std::string& remoteId) const;
  DispatchOutcome verifier(const std::string& service) const;
  DispatchOutcome applyWebhook(const std::string& service,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& body) const;

 private:
  TempDir folder_;
  std::unique_ptr<upstream::PooledHttpExchange> http_;
  std::unique_ptr<plugins::PluginManager> manager_;
  std::shared_ptr<plugins::PluginLibrary> plugin_;
  void* instance_ = nullptr;
  std::string createProblem_;
};

}  // namespace manifold::test
