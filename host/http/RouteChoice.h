#pragma once

#include <optional>
#include <string>

#include "router/IntentRouter.h"

namespace manifold::http {

/// How a chat request was routed: the configured mode whose chain serves it,
/// and, when the intent router decided (or checked an explicit choice), its
/// decision, which the native API reports as an `auto_routed` event.
struct RouteChoice {
  std::string mode;
  std::optional<router::RouteDecision> decision;
};

}  // namespace manifold::http
