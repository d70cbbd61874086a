#pragma once

#include <manifold/json.hpp>

#include <string>
#include <string_view>

namespace manus {

// Manus answers and deliveries, turned into the task updates of plugin.h
// ("Since ABI 1.2"). README.md has the state table. Pure: no I/O.

/// The prompt for task.create from the host's task input: a string as it is,
/// or the last user message of a canonical request.
std::string promptOf(const manifold::json::Value& input);

/// After task.create: the remote id, running.
std::string startedUpdate(const manifold::json::Value& created, int64_t pollAfterMs);

/// After task.detail and task.listMessages (newest first).
std::string checkedUpdate(const manifold::json::Value& detail,
                          const manifold::json::Value& messages, int64_t pollAfterMs);

/// A verified webhook delivery. Throws manifold::Error (MF_ERR_INVALID) for a
/// body that is not a Manus event; an event type it does not know is ignored.
std::string webhookUpdate(std::string_view body);

/// The text of the newest assistant message, or "".
std::string latestAssistantText(const manifold::json::Value& messages);

}  // namespace manus
