#pragma once

#include <manifold/plugin.h>

#include <memory>
#include <string>

#include "plugins/PluginLibrary.h"
#include "tasks/Dispatcher.h"

namespace manifold::tasks {

/// A tasks::Dispatcher over one instance of a dispatcher plugin. A 1.2 table
/// is used through its six service functions; a 1.1 table serves the one
/// service "" through create_task/poll_task/cancel_task and names no webhook
/// scheme (its tasks are polled). Holds its library, so the plugin's code
/// stays mapped while the instance lives.
class PluginDispatcher : public Dispatcher {
 public:
  /// Creates the instance with the plugin's settings (`plugins.settings.<id>`).
  /// Throws DispatchError (502) when the plugin refuses to create one.
  PluginDispatcher(std::shared_ptr<plugins::PluginLibrary> library, const std::string& configJson);
  ~PluginDispatcher() override;
  PluginDispatcher(const PluginDispatcher&) = delete;
  PluginDispatcher& operator=(const PluginDispatcher&) = delete;

  const std::string& id() const override { return library_->id(); }
  const plugins::PluginLibrary& library() const { return *library_; }
  std::vector<ServiceInfo> services() override;
  RemoteUpdate start(const std::string& service, const std::string& taskJson) override;
  RemoteUpdate check(const std::string& service, const std::string& remoteId) override;
  void stop(const std::string& service, const std::string& remoteId) override;
  WebhookVerifier verifier(const std::string& service, bool refresh) override;
  RemoteUpdate applyWebhook(const std::string& service, const WebhookHeaders& headers,
                            const std::string& verifiedBody) override;

 private:
  bool namesServices() const;

  std::shared_ptr<plugins::PluginLibrary> library_;
  mf_dispatcher_api api_{};
  void* handle_ = nullptr;
};

}  // namespace manifold::tasks
