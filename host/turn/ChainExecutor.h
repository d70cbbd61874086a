#pragma once

#include "failover/FailoverEngine.h"
#include "turn/Executor.h"

namespace manifold::turn {

/// Executes a turn by walking its route's failover chain (FailoverEngine).
class ChainExecutor : public Executor {
 public:
  explicit ChainExecutor(failover::FailoverEngine& failover) : failover_(failover) {}
  failover::ChainOutcome execute(const ExecutionContext& context,
                                 failover::AnswerSink& sink) override;
  /// The walk of the route's chain for `chat` (the turn's request, or the
  /// tool loop's version of it).
  static failover::ChainRequest chainRequestFor(const ExecutionContext& context,
                                                const chat::ChatRequest& chat);

 private:
  failover::FailoverEngine& failover_;
};

}  // namespace manifold::turn
