#pragma once

#include "keys/KeyDirectory.h"
#include "tools/ToolAccess.h"
#include "tools/ToolRuntime.h"
#include "turn/TurnTools.h"

namespace manifold::tools {

/// The gateway's tools as turns see them: the runtime, and each key's allowed tools.
class GatewayTurnTools : public turn::TurnTools {
 public:
  GatewayTurnTools(ToolRuntime& runtime, const keys::KeyDirectory& keys)
      : runtime_(runtime), keys_(keys) {}
  ToolRuntime& runtime() override { return runtime_; }
  ToolPatterns allowedFor(const std::string& keyId) const override {
    return toolsAllowedFor(keyId, keys_);
  }

 private:
  ToolRuntime& runtime_;
  const keys::KeyDirectory& keys_;
};

}  // namespace manifold::tools
