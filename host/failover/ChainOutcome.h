#pragma once

#include <manifold/plugin.h>

#include <string>

namespace manifold::failover {

/// How a walk of the chain ended.
struct ChainOutcome {
  enum class Kind {
    Answered,           ///< the sink has the whole answer
    FailedAfterCommit,  ///< the sink was told (abort); nothing more to send
    ClientGone,         ///< nobody is listening
    Rejected,           ///< the request itself is at fault; `error` says why
    ContextTooLong,     ///< no engine in the chain has a large enough window
    Exhausted,          ///< no step could answer; `summary` lists why
  };
  Kind kind = Kind::Exhausted;
  mf_error error{};
  int attempts = 0;     ///< attempts actually sent to an engine
  std::string summary;  ///< "engine: reason; engine: reason"
  /// The same with providers' own words withheld unless
  /// logging.include_content is on: what a log line may say.
  std::string loggableSummary;
  std::string lastEngine;
  /// Set by an executor that knows the client's status and error code for a
  /// refusal (a dispatcher that could not start a task); 0 otherwise.
  int status = 0;
  std::string code;
};

}  // namespace manifold::failover
