#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "tasks/Task.h"

namespace manifold::tasks {

/// Hands a task's events, as they are stored, to the clients following it
/// (GET /v1/tasks/{id}/events). The store stays the record: a follower reads
/// what it missed from there, then waits here for what comes next.
class TaskFeed {
 public:
  /// One follower of one task. Events published after follow() queue here
  /// until taken, so nothing between the store read and the wait is lost.
  class Follower {
   public:
    /// The events queued so far, waiting up to `timeout` for the first.
    std::vector<TaskEvent> take(std::chrono::milliseconds timeout);

   private:
    friend class TaskFeed;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<TaskEvent> queue_;
  };

  std::shared_ptr<Follower> follow(const std::string& taskId);
  /// Stops passing events to a follower (it may still take what it has).
  void unfollow(const std::string& taskId, const std::shared_ptr<Follower>& follower);
  void publish(const std::vector<TaskEvent>& events);
  size_t followers(const std::string& taskId) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<Follower>>> byTask_;
};

}  // namespace manifold::tasks
