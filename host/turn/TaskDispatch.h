#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tasks/Task.h"
#include "tasks/TaskFollow.h"
#include "turn/TurnRequest.h"

namespace manifold::turn {

/// Where a routed message becomes a task: the dispatcher and the service
/// that serve its plugin intent.
struct DispatchTarget {
  std::string dispatcher;
  std::string service;  ///< "" for a dispatcher's only service
  std::string intent;
};

/// A task a turn started, as the client is told of it.
struct StartedTask {
  tasks::Task task;
  int64_t lastSeq = 0;  ///< the last event the start wrote; following resumes after it
};

/// Starting a task failed: the status and code the client gets.
struct DispatchFailure : std::runtime_error {
  DispatchFailure(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status(status), code(std::move(code)) {}
  int status;
  std::string code;
};

/// What the route and execute stages need of the task runtime. The gateway
/// implements it over its TaskService; a gateway without dispatchers has none.
class TaskDispatch {
 public:
  virtual ~TaskDispatch() = default;
  /// The enabled service that takes `intent`, if any.
  virtual std::optional<DispatchTarget> targetFor(const std::string& intent) = 0;
  /// Creates the task for a turn and starts it at the service; throws
  /// DispatchFailure.
  virtual StartedTask start(const TurnRequest& request, const DispatchTarget& target) = 0;
  /// Follows a task's events after `afterSeq`.
  virtual std::unique_ptr<tasks::TaskFollow> follow(const std::string& taskId,
                                                    int64_t afterSeq) = 0;
};

}  // namespace manifold::turn
