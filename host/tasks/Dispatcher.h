#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tasks/Task.h"

namespace manifold::tasks {

/// One service a dispatcher serves (a Manus account, a sibling agent).
struct ServiceInfo {
  std::string service;  ///< "" for a dispatcher's only service
  std::vector<std::string> intents;
  bool enabled = false;
  std::string detail;  ///< why it is disabled, or a status note
};

/// What a dispatcher said about a task: from a start, a check or a webhook
/// (plugin.h, "Since ABI 1.2", task update).
struct RemoteUpdate {
  TaskUpdate update;
  std::string taskId;  ///< the host's id, when a delivery names it
  std::optional<int64_t> pollAfterMs;
  bool ignore = false;  ///< a delivery with nothing to apply
};

/// How deliveries for one service are verified. The host does the crypto.
struct WebhookVerifier {
  enum class Scheme { None, StandardWebhooks, ManusRsa };
  Scheme scheme = Scheme::None;
  std::vector<std::string> secrets;  ///< Standard Webhooks: "whsec_..." each
  std::string publicKeyPem;          ///< Manus: the RSA public key
};

using WebhookHeaders = std::vector<std::pair<std::string, std::string>>;

/// A dispatcher failed: the remote service refused or could not be reached.
/// `status` is the HTTP status the gateway's client gets (502 for an upstream
/// failure, 400 for input the service refused as invalid).
struct DispatchError : std::runtime_error {
  DispatchError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status(status), code(std::move(code)) {}
  int status;
  std::string code;
  bool retryable = false;
};

/// A loaded dispatcher plugin instance, as the task runtime uses it. Every
/// call may block on the network and may run on any thread.
class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  /// The instance's id: the plugin config's name; the {dispatcher} of
  /// /webhooks/{dispatcher}/{service} and of tasks.dispatcher.
  virtual const std::string& id() const = 0;
  virtual std::vector<ServiceInfo> services() = 0;
  /// `taskJson`: {"task_id", "intent", "input", "metadata", "webhook_url"}.
  virtual RemoteUpdate start(const std::string& service, const std::string& taskJson) = 0;
  virtual RemoteUpdate check(const std::string& service, const std::string& remoteId) = 0;
  virtual void stop(const std::string& service, const std::string& remoteId) = 0;
  /// `refresh`: the last verifier failed a delivery; fetch cached keys again.
  virtual WebhookVerifier verifier(const std::string& service, bool refresh) = 0;
  virtual RemoteUpdate applyWebhook(const std::string& service, const WebhookHeaders& headers,
                                    const std::string& verifiedBody) = 0;
};

}  // namespace manifold::tasks
