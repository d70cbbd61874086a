#pragma once

#include "memory/MemoryStore.h"
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
/// - memory (turn/MemoryPreStep.h), when the gateway has a memory store:
///   the rules over the user's message, then the remembered facts, fenced;
///   before the trust boundary, so the rules read the user's own words.
/// It runs after routing, which reads the user's own words, not any fence
/// around them.
class PrepareStage {
 public:
  explicit PrepareStage(TurnTools* tools = nullptr, memory::MemoryStore* memory = nullptr)
      : tools_(tools), memory_(memory) {}
  void prepare(TurnRequest& request, const TurnRoute& route, const RuntimeSnapshot& snapshot) const;

 private:
  TurnTools* tools_;
  memory::MemoryStore* memory_;
};

}  // namespace manifold::turn
