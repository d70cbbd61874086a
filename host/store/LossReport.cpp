#include "store/LossReport.h"

#include <Poco/Logger.h>

namespace manifold::store {

void LossReport::lost(uint64_t count, const std::string& why, Clock::time_point now) {
  if (count == 0) return;
  total_ += count;
  unlogged_ += count;
  lastReason_ = why;
  tick(now);
}

void LossReport::tick(Clock::time_point now) {
  if (unlogged_ == 0) return;
  if (everLogged_ && now - lastLogged_ < kLogInterval) return;
  log(now);
}

void LossReport::log(Clock::time_point now) {
  Poco::Logger::get("usage").error(
      "usage records lost: %s not written (%s in all since start); chat keeps serving. Last "
      "reason: %s",
      std::to_string(unlogged_), std::to_string(total_), lastReason_);
  unlogged_ = 0;
  everLogged_ = true;
  lastLogged_ = now;
}

}  // namespace manifold::store
