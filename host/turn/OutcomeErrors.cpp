#include "turn/OutcomeErrors.h"

#include "chat/ErrorCodes.h"
#include "plugins/AbiStrings.h"

namespace manifold::turn {
namespace {

using failover::ChainOutcome;

int rejectedStatus(const mf_error& e) {
  if (e.upstream_status >= 400 && e.upstream_status < 500 && e.upstream_status != 401 &&
      e.upstream_status != 403 && e.upstream_status != 429)
    return e.upstream_status;
  return 400;
}

}  // namespace

TurnError errorFor(const ChainOutcome& outcome, const std::string& what) {
  TurnError error;
  error.headers.emplace_back("x-manifold-attempts", std::to_string(outcome.attempts));
  if (!outcome.lastEngine.empty())
    error.headers.emplace_back("x-manifold-engine", outcome.lastEngine);
  const std::string reason = plugins::errorMessage(outcome.error);
  if (outcome.status != 0) {
    error.status = outcome.status;
    error.message = reason;
    error.code = outcome.code;
    return error;
  }
  switch (outcome.kind) {
    case ChainOutcome::Kind::Rejected:
      error.status = rejectedStatus(outcome.error);
      error.message = reason;
      error.code = chat::openAiErrorCode(outcome.error.code);
      return error;
    case ChainOutcome::Kind::ContextTooLong:
      error.status = 400;
      error.message =
          "the conversation is longer than any engine for \"" + what + "\" accepts: " + reason;
      error.param = "messages";
      error.code = "context_length_exceeded";
      return error;
    default:
      break;
  }
  if (outcome.error.code == MF_ERR_RATE_LIMITED && outcome.error.retry_after_ms > 0) {
    error.headers.emplace_back("Retry-After",
                               std::to_string((outcome.error.retry_after_ms + 999) / 1000));
    error.status = 429;
    error.message = "every engine for \"" + what + "\" is rate limited: " + outcome.summary;
    error.code = "rate_limited";
    return error;
  }
  error.status = 503;
  error.message =
      (outcome.attempts == 0 ? "no engine is available for \"" : "every engine failed for \"") +
      what + "\": " + outcome.summary;
  error.code = outcome.attempts == 0 ? "no_engine_available" : "all_engines_failed";
  return error;
}

}  // namespace manifold::turn
