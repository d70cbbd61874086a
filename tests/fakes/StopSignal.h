#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace manifold::test {

/// A one-way flag that sleeping threads can wait on, so a server can cut every
/// delay short when it shuts down.
class StopSignal {
 public:
  void trigger();
  bool triggered() const;
  /// Sleeps for up to `duration`; returns true at once when triggered.
  bool waitFor(std::chrono::milliseconds duration) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool triggered_ = false;
};

}  // namespace manifold::test
