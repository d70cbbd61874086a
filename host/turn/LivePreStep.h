#pragma once

#include <string>

#include "config/GatewayConfig.h"
#include "turn/TurnRequest.h"
#include "turn/TurnTools.h"

namespace manifold::turn {

/// The live pre-step of the prepare stage: before the model, the tools the
/// mode may run here (ModeConfig::preStepTools, within the key's allowed
/// tools) whose live intents the user's latest message names are called with
/// {"query": <that message>}, all at once, each within tools.live_timeout_ms.
/// Their results reach the model fenced, as a system message right before
/// that user message (the earlier prompt is left as it was, so a provider's
/// prompt cache still serves it); a tool that failed or was too slow is left
/// out of it. Returns the native stream's `sources` event fields (every tool
/// that ran, failed ones included), "" when no tool ran.
class LivePreStep {
 public:
  explicit LivePreStep(TurnTools& tools) : tools_(tools) {}
  std::string run(TurnRequest& request, const config::ModeConfig& mode,
                  const config::ToolsConfig& config) const;

 private:
  TurnTools& tools_;
};

}  // namespace manifold::turn
