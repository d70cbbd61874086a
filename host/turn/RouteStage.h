#pragma once

#include <variant>

#include "turn/RuntimeSnapshot.h"
#include "turn/TurnRequest.h"
#include "turn/TurnRoute.h"

namespace manifold::turn {

/// The one place that decides where a turn goes: a mode, a plugin intent, or
/// an engine. In order:
/// 1. an explicit choice (`requestedRoute`: the native "mode" field or the
///    x-manifold-mode header) names an operator's mode, a built-in mode or a
///    plugin intent; an unknown name is a 400 listing the choices;
/// 2. `model` "auto" (or absent on the native API) lets the intent router
///    read the message;
/// 3. `model` "mode/<name>" names a mode, and an engine id names that engine;
/// 4. any other model name is one nobody configured: words in it pick the
///    mode that best fits ("codestral" coder, "o3" reasoner, "scout" vision,
///    "mini"/"flash"/"8b" fast, else smart), rule "model_name".
/// A plugin intent that an enabled dispatcher service serves becomes a task
/// there (`dispatch`), unless the operator's policy for the intent is
/// "never". Any other plugin intent has no chain of its own: the mode the text
/// would have gone to serves it, and the decision still names the intent.
class RouteStage {
 public:
  /// `tasks` may be null: a gateway without a task runtime.
  explicit RouteStage(TaskDispatch* tasks = nullptr) : tasks_(tasks) {}
  std::variant<TurnRoute, TurnError> route(const TurnRequest& request,
                                           const RuntimeSnapshot& snapshot) const;

 private:
  TaskDispatch* tasks_;
};

}  // namespace manifold::turn
