#pragma once

#include <manifold/plugin.hpp>

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ManusClient.h"
#include "ManusSettings.h"

namespace manus {

/// The Manus dispatcher (manifold.dispatcher/1, ABI 1.2): one service, "",
/// serving the intent "agent-task". Tasks are created, checked and stopped
/// at Manus; the host keeps them. Every function may run on any thread.
class ManusDispatcher : public manifold::ServiceDispatcher {
 public:
  static constexpr const char* kIntent = "agent-task";

  ManusDispatcher(manifold::Host host, std::string_view configJson);

  std::string listServices() override;
  std::string startTask(std::string_view service, std::string_view taskJson) override;
  std::string checkTask(std::string_view service, std::string_view remoteId) override;
  void stopTask(std::string_view service, std::string_view remoteId) override;
  std::string webhookVerifier(std::string_view service, bool refresh) override;
  std::string applyWebhook(std::string_view service,
                           const std::vector<manifold::HeaderView>& headers,
                           std::string_view verifiedBody) override;

 private:
  void requireService(std::string_view service) const;
  /// Registers `url` with webhook.create once. Returns false, after a log
  /// line, when it failed; polling then carries the task. A retryable failure
  /// (Manus down at start-up) is tried again by the next task.
  bool ensureWebhook(const std::string& url);
  int64_t pollAfterMs() const;
  bool refreshAllowed();

  manifold::Host host_;
  ManusSettings settings_;
  ManusClient client_;

  mutable std::mutex mutex_;
  std::string registeredUrl_;  ///< the URL webhook.create accepted, or ""
  std::string refusedUrl_;     ///< a URL Manus refused for good (not retryable)
  std::string publicKeyPem_;   ///< webhook.publicKey's answer, cached
  int64_t lastRefreshNs_ = 0;  ///< when a refresh last fetched the key (host's monotonic clock)
};

}  // namespace manus
