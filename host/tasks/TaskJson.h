#pragma once

#include <manifold/json.hpp>

#include <string>

#include "tasks/Task.h"

namespace manifold::tasks {

/// A task as the API shows it: {"id", "object": "task", "dispatcher",
/// "service", "intent", "state", "progress", "result", "error", "metadata",
/// "created_at", "updated_at", "finished_at"} (times in Unix ms). The input
/// and the owner are not shown.
json::Value taskJson(const Task& task);

/// A stored JSON text as a value (null when it does not parse).
json::Value parsedOrNull(const std::string& text);

}  // namespace manifold::tasks
