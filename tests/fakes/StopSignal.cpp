#include "StopSignal.h"

namespace manifold::test {

void StopSignal::trigger() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    triggered_ = true;
  }
  changed_.notify_all();
}

bool StopSignal::triggered() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return triggered_;
}

bool StopSignal::waitFor(std::chrono::milliseconds duration) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, duration, [this] { return triggered_; });
}

}  // namespace manifold::test
