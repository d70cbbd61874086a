#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace manifold::tasks {

/// When to check each unfinished task next, on one thread. The wait starts at
/// `minMs` and doubles up to `maxMs`, each one jittered by ±20% so tasks
/// started together do not poll together; a dispatcher's poll_after_ms hint
/// replaces the backoff for one wait; a webhook that applied starts the
/// backoff over.
class PollScheduler {
 public:
  /// Checks one task. nullopt: stop following it (final, or gone); otherwise
  /// the dispatcher's poll_after_ms hint, or -1 for none.
  using Check = std::function<std::optional<int64_t>(const std::string& taskId)>;

  PollScheduler(int64_t minMs, int64_t maxMs, Check check);
  ~PollScheduler();
  PollScheduler(const PollScheduler&) = delete;
  PollScheduler& operator=(const PollScheduler&) = delete;

  void start();
  void stop();
  /// Checks the task after the first wait (or after `afterMs`), starting the
  /// backoff over if it was already tracked.
  void track(const std::string& taskId, std::optional<int64_t> afterMs = std::nullopt);
  void forget(const std::string& taskId);
  size_t tracked() const;

 private:
  struct Entry {
    std::chrono::steady_clock::time_point due;
    int64_t delayMs = 0;  ///< the backoff's current step
  };
  void run();
  std::chrono::milliseconds jittered(int64_t ms);

  const int64_t minMs_;
  const int64_t maxMs_;
  Check check_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Entry> entries_;
  std::mt19937_64 random_{std::random_device{}()};
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace manifold::tasks
