#include "media/MediaErrors.h"

#include "plugins/AbiStrings.h"
#include "turn/OutcomeErrors.h"

namespace manifold::media {

turn::TurnError mediaErrorFor(const failover::ChainOutcome& outcome, const std::string& what) {
  turn::TurnError error = turn::errorFor(outcome, what);
  if (outcome.kind == failover::ChainOutcome::Kind::Rejected &&
      outcome.error.code == MF_ERR_CONTENT_FILTER) {
    error.status = 400;
    error.code = "content_policy_violation";
    error.message = "the provider refused the request: " + plugins::errorMessage(outcome.error);
  }
  return error;
}

}  // namespace manifold::media
