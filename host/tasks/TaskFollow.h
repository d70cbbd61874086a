#pragma once

#include <chrono>
#include <vector>

#include "tasks/Task.h"

namespace manifold::tasks {

/// A client following one task's events: what the store holds after a
/// sequence number first, then what the feed hands on, each event once.
class TaskFollow {
 public:
  virtual ~TaskFollow() = default;
  /// The next events, waiting up to `timeout` when there are none yet; empty
  /// on a timeout. After the task's final state event, returns nothing more.
  virtual std::vector<TaskEvent> next(std::chrono::milliseconds timeout) = 0;
  /// True once the final state's event has been handed out.
  virtual bool ended() const = 0;
};

}  // namespace manifold::tasks
