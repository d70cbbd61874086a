#pragma once

#include <manifold/plugin.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "SiblingSettings.h"

namespace sibling {

/// The manifold.dispatcher/1 kind (ABI 1.2): every sibling service declared in
/// the plugin's settings, spoken to with the sibling task protocol
/// (schemas/task-protocol.md) through the host's http_fetch, so the egress
/// policy applies. Holds nothing but its settings: every call may run on any
/// thread, and secrets are read when a call needs them.
class SiblingDispatcher : public manifold::ServiceDispatcher {
 public:
  /// Reads the settings through `host`'s get_config, as init did. The
  /// config_json argument is not read: the host passes the same settings.
  SiblingDispatcher(manifold::Host host, std::string_view configJson);

  std::string listServices() override;
  std::string startTask(std::string_view service, std::string_view taskJson) override;
  std::string checkTask(std::string_view service, std::string_view remoteId) override;
  void stopTask(std::string_view service, std::string_view remoteId) override;
  std::string webhookVerifier(std::string_view service, bool refresh) override;
  std::string applyWebhook(std::string_view service,
                           const std::vector<manifold::HeaderView>& headers,
                           std::string_view verifiedBody) override;

 private:
  const ServiceSettings& known(std::string_view service) const;
  /// Why the service cannot take calls now ("" when it can).
  std::string unavailableBecause(const ServiceSettings& service) const;
  /// One call to the service; throws manifold::Error for a transport failure
  /// or an answer that is not 2xx. `what` names the call in messages.
  manifold::HttpResponse call(const ServiceSettings& service, const std::string& method,
                              const std::string& path, std::string body, std::string_view what);

  manifold::Host host_;
  SiblingSettings settings_;
};

}  // namespace sibling
