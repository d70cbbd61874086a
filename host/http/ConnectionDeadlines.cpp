#include "http/ConnectionDeadlines.h"

#include <Poco/Logger.h>
#include <sys/socket.h>

namespace manifold::http {

ConnectionDeadlines::ConnectionDeadlines() : thread_([this] { run(); }) {}

ConnectionDeadlines::~ConnectionDeadlines() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

ConnectionDeadlines::Id ConnectionDeadlines::add(int fd, std::string peer) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Id id = next_++;
  entries_[id] = Entry{fd, std::move(peer)};
  return id;
}

void ConnectionDeadlines::remove(Id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  queue_.erase({it->second.when, id});
  entries_.erase(it);
}

void ConnectionDeadlines::arm(Id id, Clock::time_point when, const char* what) {
  // No wake-up: the reaper ticks, so arming costs a request no context switch.
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  queue_.erase({it->second.when, id});
  it->second.when = when;
  it->second.what = what;
  queue_.insert({when, id});
}

void ConnectionDeadlines::disarm(Id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !it->second.what) return;
  queue_.erase({it->second.when, id});
  it->second.what = nullptr;
}

bool ConnectionDeadlines::expired(Id id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(id);
  return it != entries_.end() && it->second.expired;
}

void ConnectionDeadlines::shutdownAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [id, entry] : entries_) ::shutdown(entry.fd, SHUT_RDWR);
}

void ConnectionDeadlines::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (queue_.empty() || Clock::now() < queue_.begin()->first) {
      wake_.wait_for(lock, kTick);
      continue;
    }
    const auto [when, id] = *queue_.begin();
    queue_.erase(queue_.begin());
    Entry& entry = entries_[id];
    entry.expired = true;
    // Shutting down (not closing) wakes the blocked worker; the socket is
    // closed by its owner, so the descriptor cannot be reused under us.
    ::shutdown(entry.fd, SHUT_RDWR);
    Poco::Logger::get("http").warning("closed connection from %s: %s", entry.peer,
                                      std::string(entry.what ? entry.what : "deadline passed"));
    entry.what = nullptr;
  }
}

}  // namespace manifold::http
