#pragma once

#include <atomic>
#include <chrono>

namespace manifold::upstream {

/// Says that the work of one turn is no longer wanted (the client left, the
/// server is stopping). Whoever owns the reason trips it; every wait in the
/// chain walk and the upstream client honours it, because its descriptor
/// becomes readable the moment it is tripped and they poll it beside their
/// own. Tripping is idempotent and safe from any thread; a token is never
/// reset. The turn holds one for its whole life and knows nothing of sockets.
class CancellationToken {
 public:
  CancellationToken();
  ~CancellationToken();
  CancellationToken(const CancellationToken&) = delete;
  CancellationToken& operator=(const CancellationToken&) = delete;

  void cancel() noexcept;
  bool cancelled() const noexcept { return cancelled_.load(std::memory_order_acquire); }
  /// Readable once cancelled; for poll() beside other descriptors. Never read it.
  int fd() const noexcept { return fd_; }
  /// Sleeps for `delay` unless cancelled first; returns false when cancelled.
  bool sleepFor(std::chrono::milliseconds delay) const;

 private:
  std::atomic<bool> cancelled_{false};
  int fd_ = -1;
};

}  // namespace manifold::upstream
