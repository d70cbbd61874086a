#pragma once

#include "tasks/TaskService.h"
#include "turn/TaskDispatch.h"

namespace manifold::tasks {

/// The router's second branch over the task runtime: a turn's message becomes
/// a task owned by the turn's key, with the canonical request as its input.
class TurnTaskDispatch : public turn::TaskDispatch {
 public:
  explicit TurnTaskDispatch(TaskService& service) : service_(service) {}

  std::optional<turn::DispatchTarget> targetFor(const std::string& intent) override;
  turn::StartedTask start(const turn::TurnRequest& request,
                          const turn::DispatchTarget& target) override;
  std::unique_ptr<TaskFollow> follow(const std::string& taskId, int64_t afterSeq) override;

 private:
  TaskService& service_;
};

}  // namespace manifold::tasks
