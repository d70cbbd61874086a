#include "tasks/TaskFeed.h"

#include <algorithm>

namespace manifold::tasks {

std::vector<TaskEvent> TaskFeed::Follower::take(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_.wait_for(lock, timeout, [this] { return !queue_.empty(); });
  std::vector<TaskEvent> out(std::make_move_iterator(queue_.begin()),
                             std::make_move_iterator(queue_.end()));
  queue_.clear();
  return out;
}

std::shared_ptr<TaskFeed::Follower> TaskFeed::follow(const std::string& taskId) {
  auto follower = std::make_shared<Follower>();
  std::lock_guard<std::mutex> lock(mutex_);
  byTask_[taskId].push_back(follower);
  return follower;
}

void TaskFeed::unfollow(const std::string& taskId, const std::shared_ptr<Follower>& follower) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = byTask_.find(taskId);
  if (it == byTask_.end()) return;
  auto& list = it->second;
  list.erase(std::remove(list.begin(), list.end(), follower), list.end());
  if (list.empty()) byTask_.erase(it);
}

void TaskFeed::publish(const std::vector<TaskEvent>& events) {
  for (const TaskEvent& event : events) {
    std::vector<std::shared_ptr<Follower>> targets;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const auto it = byTask_.find(event.taskId);
      if (it != byTask_.end()) targets = it->second;
    }
    for (const auto& follower : targets) {
      {
        std::lock_guard<std::mutex> lock(follower->mutex_);
        follower->queue_.push_back(event);
      }
      follower->ready_.notify_one();
    }
  }
}

size_t TaskFeed::followers(const std::string& taskId) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = byTask_.find(taskId);
  return it == byTask_.end() ? 0 : it->second.size();
}

}  // namespace manifold::tasks
