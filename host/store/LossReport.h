#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace manifold::store {

/// Counts attempt records that never reached the store, and says so in the
/// log at most once a minute however often it happens: the first loss at
/// once, then one line per minute summing what was lost since the last line.
/// Not thread-safe: the attempt writer calls it under its own lock.
class LossReport {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kLogInterval{60};

  /// `count` records were lost, because of `why`.
  void lost(uint64_t count, const std::string& why, Clock::time_point now);
  /// Logs what is still unlogged once the interval has passed.
  void tick(Clock::time_point now);
  uint64_t total() const { return total_; }

 private:
  void log(Clock::time_point now);

  uint64_t total_ = 0;
  uint64_t unlogged_ = 0;
  std::string lastReason_;
  bool everLogged_ = false;
  Clock::time_point lastLogged_{};
};

}  // namespace manifold::store
