#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tasks/Task.h"

namespace manifold::tasks {

/// The result of applying an update to a task.
struct Applied {
  enum class Outcome {
    Changed,    ///< written, with its events
    Unchanged,  ///< nothing new in it
    Refused,    ///< a move the states do not allow (a finished task, say)
    NotFound,
  };
  Outcome outcome = Outcome::NotFound;
  Task task;                      ///< as it is now (unless NotFound)
  std::vector<TaskEvent> events;  ///< the events this update wrote, in order
};

/// Where tasks, their events and the webhook ids already applied are kept.
/// Implementations throw std::runtime_error on storage failures.
class TaskStore {
 public:
  virtual ~TaskStore() = default;
  /// Stores a new task and its first state event.
  virtual TaskEvent insert(const Task& task) = 0;
  virtual std::optional<Task> get(const std::string& id) = 0;
  /// A key's tasks, newest first, at most `limit`, older than the task
  /// `beforeId` when it is set (paging).
  virtual std::vector<Task> listByOwner(const std::string& ownerKeyId, size_t limit,
                                        const std::string& beforeId) = 0;
  /// Tasks not yet final, oldest first: what pollers resume after a restart.
  virtual std::vector<Task> unfinished() = 0;
  virtual std::optional<Task> byRemoteId(const std::string& dispatcher,
                                         const std::string& remoteId) = 0;
  /// Checks the move and writes the task and its events in one transaction,
  /// so two updates racing for one task never both move it.
  virtual Applied apply(const std::string& id, const TaskUpdate& update, int64_t nowMs) = 0;
  /// A task's events after `afterSeq` (0: all), in order.
  virtual std::vector<TaskEvent> eventsAfter(const std::string& taskId, int64_t afterSeq) = 0;
  /// Records a webhook id for a dispatcher; false when it was already there.
  virtual bool markWebhookSeen(const std::string& dispatcher, const std::string& webhookId,
                               int64_t nowMs) = 0;
  /// Forgets a webhook id, so the sender's retry of a delivery that could not
  /// be applied is not refused as a replay.
  virtual void forgetWebhookSeen(const std::string& dispatcher, const std::string& webhookId) = 0;
};

}  // namespace manifold::tasks
