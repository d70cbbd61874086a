#pragma once

#include <cstddef>

#include "config/GatewayConfig.h"
#include "memory/MemoryStore.h"
#include "turn/TurnRequest.h"

namespace manifold::turn {

/// The memory part of the prepare stage, for the turn's key and end user
/// (ChatRequest::user): first the rules over the user's latest message
/// (memory/FactRules.h) store or forget facts, then the facts kept are given
/// to the model as fenced memory context (memory/MemoryContext.h). A store
/// that fails is logged and the turn goes on without memory.
class MemoryPreStep {
 public:
  explicit MemoryPreStep(memory::MemoryStore& store) : store_(store) {}
  /// Returns how many facts the model is given.
  size_t run(TurnRequest& request, const config::MemoryConfig& config) const;

 private:
  memory::MemoryStore& store_;
};

}  // namespace manifold::turn
