#pragma once

#include "conversations/ConversationStore.h"
#include "memory/MemoryStore.h"
#include "turn/Admission.h"
#include "turn/Executor.h"
#include "turn/InternalCompletion.h"
#include "turn/RuntimeSnapshot.h"
#include "turn/TaskDispatch.h"
#include "turn/TurnObserver.h"
#include "turn/TurnTools.h"

namespace manifold::turn {

/// The narrow view of the gateway a turn runs against.
class TurnServices {
 public:
  virtual ~TurnServices() = default;
  /// The config snapshot in force now; a turn takes it once, at its start.
  virtual SnapshotPtr snapshot() const = 0;
  virtual Admission& admission() = 0;
  /// The executor for a routed turn: the chain walk, or the dispatcher when
  /// the route names a task.
  virtual Executor& executorFor(const TurnRoute& route) = 0;
  /// Where attempts and outcomes are reported; may be null.
  virtual TurnObserver* observer() = 0;
  /// The task runtime, for the router's second branch; null without one.
  virtual TaskDispatch* taskDispatch() { return nullptr; }
  /// The gateway's tools, for the live pre-step; null without them.
  virtual TurnTools* tools() { return nullptr; }
  /// Where conversations are kept; null without them.
  virtual conversations::ConversationStore* conversations() { return nullptr; }
  /// Facts remembered per key and user, for the prepare stage; null without.
  virtual memory::MemoryStore* memory() { return nullptr; }
  /// Internal completions (suggestions, the memory extractor); null without.
  virtual InternalCompletion* internalCompletion() { return nullptr; }
};

}  // namespace manifold::turn
