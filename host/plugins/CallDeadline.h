#pragma once

#include <chrono>
#include <cstdint>

namespace manifold::plugins {

/// A deadline for whatever a plugin does on this thread: while one is set,
/// every HTTP request the plugin sends through the host is cut to the time
/// left. The tool runtime sets it around a tool call, so a tool's own
/// timeout setting cannot outlast the gateway's.
class CallDeadline {
 public:
  using Clock = std::chrono::steady_clock;
  explicit CallDeadline(Clock::time_point deadline);
  ~CallDeadline();
  CallDeadline(const CallDeadline&) = delete;
  CallDeadline& operator=(const CallDeadline&) = delete;

  /// `requestedMs` (0: the host default) cut to this thread's deadline, at
  /// least 1 ms; unchanged when no deadline is set.
  static int64_t cap(int64_t requestedMs);

 private:
  Clock::time_point previous_;
  bool hadPrevious_;
};

}  // namespace manifold::plugins
