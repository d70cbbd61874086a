#include "keys/RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace manifold::keys {
namespace {

constexpr double kMinuteMs = 60000.0;

// Milliseconds until a bucket refilling `capacity` a minute holds `want`.
int64_t msUntil(double level, double want, double capacity) {
  if (level >= want || capacity <= 0) return 0;
  return static_cast<int64_t>(std::ceil((want - level) * kMinuteMs / capacity));
}

}  // namespace

std::string resetDuration(int64_t ms) {
  if (ms <= 0) return "0s";
  int64_t s = (ms + 999) / 1000;
  const int64_t h = s / 3600, m = (s % 3600) / 60;
  s %= 60;
  std::string out;
  if (h) out += std::to_string(h) + "h";
  if (h || m) out += std::to_string(m) + "m";
  return out + std::to_string(s) + "s";
}

void RateLimiter::Bucket::refill(double capacity, Clock::time_point now) {
  if (!filled) {
    filled = true;
    level = capacity;
  } else {
    const double elapsedMs = std::chrono::duration<double, std::milli>(now - at).count();
    level = std::min(capacity, level + elapsedMs * capacity / kMinuteMs);
  }
  at = now;
}

RateVerdict RateLimiter::admit(const std::string& keyId, const KeyLimits& limits,
                               Clock::time_point now) {
  RateVerdict v;
  const double rpm = static_cast<double>(limits.rpm), tpm = static_cast<double>(limits.tpm);
  double requestsLeft = 0, tokensLeft = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    KeyState& s = states_[keyId];
    if (limits.rpm > 0) s.requests.refill(rpm, now);
    if (limits.tpm > 0) s.tokens.refill(tpm, now);

    if (limits.rpm > 0 && s.requests.level < 1) {
      v.refusal = RateVerdict::Refusal::Requests;
      v.retryAfterMs = msUntil(s.requests.level, 1, rpm);
    } else if (limits.tpm > 0 && s.tokens.level <= 0) {
      v.refusal = RateVerdict::Refusal::Tokens;
      v.retryAfterMs = std::max<int64_t>(1, msUntil(s.tokens.level, 1, tpm));
    } else if (limits.maxConcurrent > 0 && s.inFlight >= limits.maxConcurrent) {
      v.refusal = RateVerdict::Refusal::Concurrency;
      v.retryAfterMs = 1000;  // unknown: when some stream of this key ends
    } else {
      if (limits.rpm > 0) s.requests.level -= 1;
      ++s.inFlight;
    }
    requestsLeft = s.requests.level;
    tokensLeft = s.tokens.level;
  }
  // Formatted outside the lock: every request of a key takes it.
  v.headers.reserve(6);
  if (limits.rpm > 0) {
    v.headers.emplace_back("x-ratelimit-limit-requests", std::to_string(limits.rpm));
    v.headers.emplace_back("x-ratelimit-remaining-requests",
                           std::to_string(static_cast<int64_t>(std::max(0.0, requestsLeft))));
    v.headers.emplace_back("x-ratelimit-reset-requests",
                           resetDuration(msUntil(requestsLeft, rpm, rpm)));
  }
  if (limits.tpm > 0) {
    v.headers.emplace_back("x-ratelimit-limit-tokens", std::to_string(limits.tpm));
    v.headers.emplace_back("x-ratelimit-remaining-tokens",
                           std::to_string(static_cast<int64_t>(std::max(0.0, tokensLeft))));
    v.headers.emplace_back("x-ratelimit-reset-tokens",
                           resetDuration(msUntil(tokensLeft, tpm, tpm)));
  }
  return v;
}

void RateLimiter::release(const std::string& keyId) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = states_.find(keyId);
  if (it != states_.end() && it->second.inFlight > 0) --it->second.inFlight;
}

void RateLimiter::charge(const std::string& keyId, const KeyLimits& limits, int64_t tokens,
                         Clock::time_point now) {
  if (limits.tpm <= 0 || tokens <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  Bucket& b = states_[keyId].tokens;
  b.refill(static_cast<double>(limits.tpm), now);
  b.level -= static_cast<double>(tokens);
}

int64_t RateLimiter::inFlight(const std::string& keyId) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = states_.find(keyId);
  return it == states_.end() ? 0 : it->second.inFlight;
}

}  // namespace manifold::keys
