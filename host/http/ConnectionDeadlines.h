#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace manifold::http {

/// Absolute deadlines for client connections, which Poco's per-read timeouts
/// cannot give: a client that trickles one byte just inside each read timeout
/// would otherwise hold a worker thread forever. One thread watches every
/// armed deadline and shuts the socket down when one passes, which wakes the
/// worker blocked on it. Deadlines are seconds long, so the watcher checks
/// them on a 50 ms tick rather than being woken for every request.
class ConnectionDeadlines {
 public:
  using Clock = std::chrono::steady_clock;
  using Id = uint64_t;
  static constexpr std::chrono::milliseconds kTick{50};

  ConnectionDeadlines();
  ~ConnectionDeadlines();

  /// Registers a live connection; it is shut down by shutdownAll().
  Id add(int fd, std::string peer);
  /// Forgets a connection, before its socket closes.
  void remove(Id id);
  /// Sets (or replaces) the connection's deadline; `what` names it in the log.
  void arm(Id id, Clock::time_point when, const char* what);
  void disarm(Id id);
  /// Whether the connection's last deadline passed.
  bool expired(Id id) const;
  /// Shuts every registered connection down (at server stop).
  void shutdownAll();

 private:
  struct Entry {
    int fd = -1;
    std::string peer;
    Clock::time_point when{};
    const char* what = nullptr;
    bool expired = false;
  };
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<Id, Entry> entries_;
  std::set<std::pair<Clock::time_point, Id>> queue_;
  Id next_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace manifold::http
