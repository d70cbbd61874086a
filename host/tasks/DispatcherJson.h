#pragma once

#include <string>
#include <vector>

#include "tasks/Dispatcher.h"

namespace manifold::tasks {

// Strict readers for the JSON a dispatcher plugin writes (plugin.h, "Since ABI
// 1.2"). Each throws DispatchError (502, "bad_dispatcher_reply") naming the
// field that is wrong: a plugin's bad answer is the service's failure, not
// the client's.

/// A task update: {"remote_id", "state", "progress", "result", "error",
/// "poll_after_ms", "ignore", "task_id"}, every field optional.
RemoteUpdate parseTaskUpdate(const std::string& json);
/// The array list_services writes.
std::vector<ServiceInfo> parseServices(const std::string& json);
/// What webhook_verifier writes.
WebhookVerifier parseVerifier(const std::string& json);

}  // namespace manifold::tasks
