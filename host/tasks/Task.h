#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "tasks/TaskState.h"

namespace manifold::tasks {

/// A long-running task at an external agent, as the gateway keeps it.
struct Task {
  std::string id;          ///< "task_" + 16 hex digits
  std::string ownerKeyId;  ///< the gateway key that made it; "" for the operator
  std::string dispatcher;  ///< the dispatcher that runs it
  std::string service;     ///< a sibling service, or ""
  std::string intent;
  std::string remoteId;  ///< the task's id at the remote service, once known
  std::string inputJson;
  std::string metadataJson = "{}";
  std::string webhookUrl;  ///< where the client wants its state changes, or ""
  TaskState state = TaskState::Queued;
  std::string progress;                   ///< the latest progress note
  std::optional<std::string> resultJson;  ///< once succeeded
  std::optional<std::string> errorJson;   ///< {code, message}, once failed
  int64_t createdAtMs = 0;
  int64_t updatedAtMs = 0;
  int64_t finishedAtMs = 0;  ///< 0 until final
};

/// What a dispatcher reports about a task, from a poll or a webhook; unset
/// fields leave the task as it is.
struct TaskUpdate {
  std::optional<TaskState> state;
  std::optional<std::string> progress;
  std::optional<std::string> resultJson;
  std::optional<std::string> errorJson;
  std::optional<std::string> remoteId;
};

/// One change of a task, as GET /v1/tasks/{id}/events streams it. `seq`
/// increases over all tasks; a client resumes after the last one it saw.
struct TaskEvent {
  int64_t seq = 0;
  std::string taskId;
  std::string type;  ///< "state", "progress" or "result"
  std::string dataJson;
  int64_t atMs = 0;
};

}  // namespace manifold::tasks
