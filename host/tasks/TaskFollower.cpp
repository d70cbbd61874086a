#include "tasks/TaskFollower.h"

#include <manifold/json.hpp>

namespace manifold::tasks {
namespace {

bool isFinalStateEvent(const TaskEvent& event) {
  if (event.type != "state") return false;
  const std::optional<json::Value> data = json::parse(event.dataJson);
  if (!data) return false;
  const std::optional<TaskState> state = taskStateNamed((*data)["state"].asString());
  return state && isFinal(*state);
}

}  // namespace

TaskFollower::TaskFollower(TaskStore& store, TaskFeed& feed, std::string taskId, int64_t afterSeq)
    : feed_(feed), taskId_(std::move(taskId)), lastSeq_(afterSeq) {
  follower_ = feed_.follow(taskId_);
  replay_ = store.eventsAfter(taskId_, afterSeq);
  // Resumed after the final event already: there is nothing left to follow.
  if (replay_.empty()) {
    const std::optional<Task> task = store.get(taskId_);
    if (!task || isFinal(task->state)) ended_ = true;
  }
}

TaskFollower::~TaskFollower() {
  feed_.unfollow(taskId_, follower_);
}

std::vector<TaskEvent> TaskFollower::keepNew(std::vector<TaskEvent> events) {
  std::vector<TaskEvent> out;
  for (TaskEvent& event : events) {
    if (ended_ || event.seq <= lastSeq_) continue;
    lastSeq_ = event.seq;
    if (isFinalStateEvent(event)) ended_ = true;
    out.push_back(std::move(event));
  }
  return out;
}

std::vector<TaskEvent> TaskFollower::next(std::chrono::milliseconds timeout) {
  if (ended_) return {};
  if (!replay_.empty()) {
    std::vector<TaskEvent> replay = std::move(replay_);
    replay_.clear();
    std::vector<TaskEvent> out = keepNew(std::move(replay));
    if (!out.empty()) return out;
  }
  return keepNew(follower_->take(timeout));
}

}  // namespace manifold::tasks
