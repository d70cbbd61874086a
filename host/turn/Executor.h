#pragma once

#include "failover/AnswerSink.h"
#include "failover/ChainOutcome.h"
#include "turn/RuntimeSnapshot.h"
#include "turn/TurnObserver.h"
#include "turn/TurnRequest.h"
#include "turn/TurnRoute.h"
#include "upstream/CancellationToken.h"

namespace manifold::turn {

/// What an executor gets: the prepared request, its route, the snapshot it
/// runs on, where attempts are reported, and the token that says stop.
struct ExecutionContext {
  const TurnRequest& request;
  const TurnRoute& route;
  const RuntimeSnapshot& snapshot;
  TurnObserver* observer = nullptr;
  const upstream::CancellationToken* cancel = nullptr;
};

/// The execute stage: answers a routed turn into a sink. The chain walk is
/// one executor (ChainExecutor); a dispatcher for long tasks and the tool
/// loop are others.
class Executor {
 public:
  virtual ~Executor() = default;
  virtual failover::ChainOutcome execute(const ExecutionContext& context,
                                         failover::AnswerSink& sink) = 0;
};

}  // namespace manifold::turn
