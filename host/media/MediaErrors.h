#pragma once

#include <string>

#include "failover/ChainOutcome.h"
#include "turn/TurnRequest.h"

namespace manifold::media {

/// The client's error for a media walk that did not answer: as chat's
/// (turn::errorFor), except that a refusal is 400 with code
/// content_policy_violation and the provider's reason.
turn::TurnError mediaErrorFor(const failover::ChainOutcome& outcome, const std::string& what);

}  // namespace manifold::media
