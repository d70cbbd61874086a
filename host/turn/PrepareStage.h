#pragma once

#include "turn/RuntimeSnapshot.h"
#include "turn/TurnRequest.h"
#include "turn/TurnRoute.h"
#include "turn/TurnTools.h"

namespace manifold::turn {

/// The prepare stage: makes the routed request ready for its engines.
/// - prompt-cache marks (chat/PromptCache.h), which change no text;
/// - the trust boundary (trust/RequestGuard.h), with the mode's own switches
///   over the global ones; by default it changes nothing the client sent.
/// - the live pre-step (turn/LivePreStep.h), when the gateway has tools:
///   live data for the message, fenced, before the model.
/// Later: memory. It runs after routing, which reads the user's own words,
/// not any fence around them.
class PrepareStage {
 public:
  explicit PrepareStage(TurnTools* tools = nullptr) : tools_(tools) {}
  void prepare(TurnRequest& request, const TurnRoute& route, const RuntimeSnapshot& snapshot) const;

 private:
  TurnTools* tools_;
};

}  // namespace manifold::turn
