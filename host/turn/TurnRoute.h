#pragma once

#include <optional>
#include <string>
#include <vector>

#include "router/IntentRouter.h"
#include "turn/TaskDispatch.h"

namespace manifold::turn {

/// The route stage's one decision for a turn: which chain serves it and why.
struct TurnRoute {
  /// The configured mode whose chain serves the turn; "" when the model
  /// named an engine.
  std::string mode;
  std::vector<std::string> chain;  ///< engine ids, in order
  /// What decided and how sure it was. Always set once routing succeeded:
  /// the router's own decision, an override ("override"), or the model
  /// field ("model:engine", "model:mode").
  router::RouteDecision decision;
  /// Whether the intent router read the message (or checked an explicit
  /// choice against what it knows), as opposed to the model naming the route.
  bool routed = false;
  /// Set when the turn becomes a task: its plugin intent is served by an
  /// enabled dispatcher service and the operator's dispatch policy allows it.
  /// `chain` is then the mode's, unused.
  std::optional<DispatchTarget> dispatch;

  /// What was chosen, for reports: a mode, "plugin/intent", or an engine id.
  std::string target() const;
};

}  // namespace manifold::turn
