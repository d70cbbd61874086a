#include "tasks/PollScheduler.h"

#include <algorithm>

namespace manifold::tasks {

using Clock = std::chrono::steady_clock;

PollScheduler::PollScheduler(int64_t minMs, int64_t maxMs, Check check)
    : minMs_(std::max<int64_t>(1, minMs)),
      maxMs_(std::max(std::max<int64_t>(1, minMs), maxMs)),
      check_(std::move(check)) {}

PollScheduler::~PollScheduler() {
  stop();
}

void PollScheduler::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void PollScheduler::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

// Called under mutex_.
std::chrono::milliseconds PollScheduler::jittered(int64_t ms) {
  std::uniform_real_distribution<double> factor(0.8, 1.2);
  return std::chrono::milliseconds(
      std::max<int64_t>(1, static_cast<int64_t>(ms * factor(random_))));
}

void PollScheduler::track(const std::string& taskId, std::optional<int64_t> afterMs) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = entries_[taskId];
    entry.delayMs = minMs_;
    entry.due = Clock::now() + (afterMs ? std::chrono::milliseconds(*afterMs) : jittered(minMs_));
  }
  wake_.notify_all();
}

void PollScheduler::forget(const std::string& taskId) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(taskId);
}

size_t PollScheduler::tracked() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

void PollScheduler::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    auto next = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
      if (next == entries_.end() || it->second.due < next->second.due) next = it;
    if (next == entries_.end()) {
      wake_.wait(lock);
      continue;
    }
    if (next->second.due > Clock::now()) {
      wake_.wait_until(lock, next->second.due);
      continue;
    }
    const std::string taskId = next->first;
    const Clock::time_point dueWas = next->second.due;
    lock.unlock();
    const std::optional<int64_t> hint = check_(taskId);
    lock.lock();
    auto it = entries_.find(taskId);
    if (it == entries_.end()) continue;
    if (!hint) {
      entries_.erase(it);
      continue;
    }
    // A track() while the check ran (a webhook applied) already set the next wait.
    if (it->second.due != dueWas) continue;
    it->second.delayMs = std::min(maxMs_, it->second.delayMs * 2);
    it->second.due = Clock::now() +
                     (*hint >= 0 ? std::chrono::milliseconds(*hint) : jittered(it->second.delayMs));
  }
}

}  // namespace manifold::tasks
