#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace manifold::http {

/// Counts the chat requests in flight, so that a drain can wait for them.
class InFlightRequests {
 public:
  /// Held by one request for its life.
  class Hold {
   public:
    explicit Hold(InFlightRequests& counter) : counter_(counter) { counter_.enter(); }
    ~Hold() { counter_.leave(); }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    InFlightRequests& counter_;
  };

  int count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }
  /// Waits until none is in flight or `timeout` passes; true when none is.
  bool waitForNone(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return count_ == 0; });
  }

 private:
  void enter() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++count_;
  }
  void leave() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--count_ == 0) idle_.notify_all();
  }

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  int count_ = 0;
};

}  // namespace manifold::http
