#include "upstream/CancellationToken.h"

#include <errno.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace manifold::upstream {

CancellationToken::CancellationToken() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (fd_ < 0) throw std::runtime_error("eventfd failed: out of descriptors");
}

CancellationToken::~CancellationToken() {
  ::close(fd_);
}

void CancellationToken::cancel() noexcept {
  if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;
  const uint64_t one = 1;
  // The counter only grows from zero once, so this write cannot block or fail.
  [[maybe_unused]] const ssize_t n = ::write(fd_, &one, sizeof(one));
}

bool CancellationToken::sleepFor(std::chrono::milliseconds delay) const {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point until = Clock::now() + delay;
  while (!cancelled()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0) return true;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) return !cancelled();
  }
  return false;
}

}  // namespace manifold::upstream
