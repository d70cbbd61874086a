#pragma once

#include <string>

#include "tools/ToolPatterns.h"
#include "tools/ToolRuntime.h"

namespace manifold::turn {

/// What a turn needs of the gateway's tools: the runtime, and which tools a
/// key may have run for it.
class TurnTools {
 public:
  virtual ~TurnTools() = default;
  virtual tools::ToolRuntime& runtime() = 0;
  virtual tools::ToolPatterns allowedFor(const std::string& keyId) const = 0;
};

}  // namespace manifold::turn
