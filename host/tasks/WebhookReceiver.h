#pragma once

#include <cstdint>
#include <string>

#include "tasks/Dispatcher.h"

namespace manifold::tasks {

class DispatcherDirectory;
class TaskService;
class TaskStore;

/// One delivery to /webhooks/{dispatcher}[/{service}], read but not parsed.
struct WebhookDelivery {
  std::string dispatcher;
  std::string service;
  WebhookHeaders headers;
  std::string body;
  std::string url;  ///< server.public_url + the request's path and query; "" without public_url
};

/// What the sender is answered. `reason` is a stable code for a refusal
/// (signature_mismatch, timestamp_too_old, ...); empty on success.
struct WebhookOutcome {
  int status = 204;
  std::string reason;
  std::string message;
};

/// Verifies a delivery with the scheme its dispatcher names (the crypto is
/// the host's: Standard Webhooks or Manus RSA-SHA256), refuses a replay, and
/// only then lets the dispatcher read the body and applies its update. A
/// refused delivery changes no task and is logged once, without its body.
class WebhookReceiver {
 public:
  static constexpr int64_t kToleranceSeconds = 300;

  WebhookReceiver(TaskService& tasks, DispatcherDirectory& dispatchers, TaskStore& store);
  WebhookOutcome receive(const WebhookDelivery& delivery);

 private:
  /// Empty when the delivery is authentic; otherwise the refusal.
  WebhookOutcome verify(Dispatcher& dispatcher, const WebhookDelivery& delivery,
                        std::string& replayKey);
  WebhookOutcome check(const WebhookVerifier& verifier, const WebhookDelivery& delivery,
                       std::string& replayKey);

  TaskService& tasks_;
  DispatcherDirectory& dispatchers_;
  TaskStore& store_;
};

}  // namespace manifold::tasks
