#pragma once

#include <manifold/plugin.h>

#include "failover/CircuitBreakers.h"
#include "failover/FailureDisposition.h"

namespace manifold::failover {

/// Where a walk goes after an attempt failed before its answer committed.
enum class AfterFailure {
  Stop,      ///< the client left, or the request itself is at fault
  NextKey,   ///< this key rests; the engine's next key may answer
  NextStep,  ///< nothing this engine has will help: the next engine
  Retry,     ///< retryable: the caller picks the next key or a bounded retry
};

/// What one failure tells the breakers of its engine+key, and where the walk
/// goes next. Shared by every chain walk (chat and media) so they rest keys
/// and trip breakers by the same rules.
AfterFailure settleFailure(CircuitBreakers& breakers, const BreakerKey& key,
                           FailureDisposition disposition, const mf_error& error);

}  // namespace manifold::failover
