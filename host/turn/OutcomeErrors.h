#pragma once

#include <string>

#include "failover/ChainOutcome.h"
#include "turn/TurnRequest.h"

namespace manifold::turn {

/// The client's error for a walk that committed nothing: its own fault
/// (the provider's 4xx, a context too long) with that status, or, when every
/// step failed, 429 with Retry-After if every step was rate limited and 503
/// otherwise. `what` names the route ("smart", an engine id) in messages.
TurnError errorFor(const failover::ChainOutcome& outcome, const std::string& what);

}  // namespace manifold::turn
