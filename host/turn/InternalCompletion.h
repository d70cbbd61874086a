#pragma once

#include <chrono>
#include <string>

#include "chat/ChatRequest.h"
#include "failover/FailoverEngine.h"
#include "turn/RuntimeSnapshot.h"
#include "turn/TurnObserver.h"
#include "turn/TurnRequest.h"

namespace manifold::turn {

/// A prompt the gateway itself writes for a configured mode to answer.
struct InternalAsk {
  /// What it is for ("suggestions", "memory"): its attempts carry the request
  /// id "<turn's request id>/<purpose>", the marker that tells them from the
  /// client's own in the attempts table and /v1/usage.
  std::string purpose;
  std::string mode;
  std::chrono::milliseconds timeout{3000};
  chat::ChatRequest chat;
};

struct InternalAnswer {
  bool ok = false;
  std::string text;     ///< the whole answer when ok
  std::string problem;  ///< why not, as a log may say it
};

/// Runs an internal prompt through a mode's failover chain, for a turn that
/// the client started: suggestions and the memory extractor. No client sees
/// it: the answer is collected whole, within `timeout` (every limit of the
/// mode is cut to it). Its attempts go to the turn's observer under the
/// turn's key, so the key is billed for them, marked as said above.
class InternalCompletion {
 public:
  explicit InternalCompletion(failover::FailoverEngine& failover) : failover_(failover) {}

  InternalAnswer run(const InternalAsk& ask, const TurnRequest& turn,
                     const RuntimeSnapshot& snapshot, TurnObserver* observer,
                     const upstream::CancellationToken* cancel) const;

 private:
  failover::FailoverEngine& failover_;
};

}  // namespace manifold::turn
