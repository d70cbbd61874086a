#include "failover/FailureEffects.h"

namespace manifold::failover {

AfterFailure settleFailure(CircuitBreakers& breakers, const BreakerKey& key,
                           FailureDisposition disposition, const mf_error& error) {
  const Clock::time_point now = Clock::now();
  switch (disposition) {
    case FailureDisposition::Cancelled:
    case FailureDisposition::Rejected:
      breakers.released(key);
      return AfterFailure::Stop;
    case FailureDisposition::ContextLength:
    case FailureDisposition::Unreachable:
      // Not the upstream's health: its breaker learns nothing from this.
      breakers.released(key);
      return AfterFailure::NextStep;
    case FailureDisposition::KeyRefused:
      breakers.coolDown(key, now + std::chrono::milliseconds(breakers.config().authCooldownMs),
                        "key refused");
      return AfterFailure::NextKey;
    case FailureDisposition::RateLimited:
      breakers.coolDown(key, now + std::chrono::milliseconds(error.retry_after_ms),
                        "rate limited, Retry-After", true);
      return AfterFailure::NextKey;
    case FailureDisposition::Silent:
      breakers.failed(key, now);
      return AfterFailure::NextStep;
    case FailureDisposition::Retryable:
      breakers.failed(key, now);
      return AfterFailure::Retry;
  }
  return AfterFailure::NextKey;
}

}  // namespace manifold::failover
