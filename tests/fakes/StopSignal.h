#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace manifold::test {

/// A one-way flag that sleeping threads can wait on, so a server can cut every
/// delay short when it shuts down. Besides the condition variable it has a
/// descriptor that turns readable once triggered, for threads that poll a
/// socket and the flag together.
class StopSignal {
 public:
  StopSignal();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  void trigger();
  bool triggered() const;
  /// Sleeps for up to `duration`; returns true at once when triggered.
  bool waitFor(std::chrono::milliseconds duration) const;
  /// Readable (POLLIN) once triggered; -1 when no eventfd could be made, and
  /// then pollers must wake up on their own to look at triggered().
  int fd() const { return fd_; }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool triggered_ = false;
  int fd_ = -1;
};

}  // namespace manifold::test
