#pragma once

#include <deque>
#include <memory>
#include <string>

#include "tasks/TaskFeed.h"
#include "tasks/TaskService.h"
#include "tasks/TaskStore.h"

namespace manifold::tasks {

/// TaskFollow over the store and the feed. It joins the feed before it reads
/// the store, so an event published in between is in one or the other (or
/// both: sequence numbers drop the repeat).
class TaskFollower : public TaskFollow {
 public:
  TaskFollower(TaskStore& store, TaskFeed& feed, std::string taskId, int64_t afterSeq);
  ~TaskFollower() override;

  std::vector<TaskEvent> next(std::chrono::milliseconds timeout) override;
  bool ended() const override { return ended_; }

 private:
  std::vector<TaskEvent> keepNew(std::vector<TaskEvent> events);

  TaskFeed& feed_;
  const std::string taskId_;
  std::shared_ptr<TaskFeed::Follower> follower_;
  std::vector<TaskEvent> replay_;
  int64_t lastSeq_;
  bool ended_ = false;
};

}  // namespace manifold::tasks
