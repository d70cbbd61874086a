#include "upstream/ConnectionPool.h"

namespace manifold::upstream {

std::unique_ptr<UpstreamConnection> ConnectionPool::take(const std::string& origin) {
  for (;;) {
    std::unique_ptr<UpstreamConnection> candidate;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = idle_.find(origin);
      if (it == idle_.end() || it->second.empty()) return nullptr;
      candidate = std::move(it->second.back());
      it->second.pop_back();
    }
    // Checked outside the lock; a dead candidate is closed and the next tried.
    if (Clock::now() - candidate->idleSince() < maxIdleTime_ && candidate->looksReusable())
      return candidate;
  }
}

void ConnectionPool::give(std::unique_ptr<UpstreamConnection> connection) {
  connection->markIdle();
  std::unique_ptr<UpstreamConnection> evicted;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& list = idle_[connection->origin()];
  if (list.size() >= maxIdlePerOrigin_) {
    evicted = std::move(list.front());
    list.erase(list.begin());
  }
  list.push_back(std::move(connection));
}

size_t ConnectionPool::idleCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t n = 0;
  for (const auto& [origin, list] : idle_) n += list.size();
  return n;
}

}  // namespace manifold::upstream
