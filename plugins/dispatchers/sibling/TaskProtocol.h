#pragma once

#include <manifold/plugin.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The sibling task protocol (schemas/task-protocol.md), as pure translations
// between its JSON and the host's (plugin.h, "Since ABI 1.2"). No I/O here.
namespace sibling::protocol {

/// The body of POST {endpoint}/tasks from the host's start_task JSON
/// ({"task_id", "intent", "input", "metadata", "webhook_url"}). An empty
/// webhook_url is left out: the service can then only be polled. Throws
/// MF_ERR_INVALID when task_id or input is missing.
std::string createBody(std::string_view hostTaskJson);

/// A task update from a task-status body (the answer to create, status and
/// cancel). Throws MF_ERR_INTERNAL, naming `service`, when the body is not a
/// task status (no id, an unknown state).
std::string updateFromStatus(std::string_view statusJson, std::string_view service);

/// A task update from a verified webhook body: "task.updated" carries a
/// task status naming the task by id (remote) and task_id (the host's); any
/// other type is {"ignore": true}. Throws MF_ERR_INVALID when the body is not
/// the protocol's.
std::string updateFromWebhook(std::string_view body, std::string_view service);

/// The error for an answer that is not 2xx: 5xx, 408 and 429 are retryable
/// (with Retry-After), 401/403 is auth, 404 not found, other 4xx invalid.
/// The message names the service and what was asked, and quotes the
/// service's error message (protocol: {"error": {"code", "message"}}).
manifold::Error errorFromAnswer(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body, std::string_view service,
                                std::string_view what, int64_t nowUnixMs);

/// `id` percent-encoded for a URL path segment.
std::string pathSegment(std::string_view id);

}  // namespace sibling::protocol
