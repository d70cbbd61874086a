#include "plugins/CallDeadline.h"

#include <algorithm>

namespace manifold::plugins {
namespace {

thread_local bool tDeadlineSet = false;
thread_local CallDeadline::Clock::time_point tDeadline;

}  // namespace

CallDeadline::CallDeadline(Clock::time_point deadline)
    : previous_(tDeadline), hadPrevious_(tDeadlineSet) {
  tDeadline = hadPrevious_ ? std::min(previous_, deadline) : deadline;
  tDeadlineSet = true;
}

CallDeadline::~CallDeadline() {
  tDeadline = previous_;
  tDeadlineSet = hadPrevious_;
}

int64_t CallDeadline::cap(int64_t requestedMs) {
  if (!tDeadlineSet) return requestedMs;
  const int64_t leftMs =
      std::chrono::duration_cast<std::chrono::milliseconds>(tDeadline - Clock::now()).count();
  const int64_t capped = requestedMs <= 0 ? leftMs : std::min(requestedMs, leftMs);
  return std::max<int64_t>(1, capped);
}

}  // namespace manifold::plugins
