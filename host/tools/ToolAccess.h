#pragma once

#include <string>

#include "keys/KeyDirectory.h"
#include "tools/ToolPatterns.h"

namespace manifold::tools {

/// The tools a caller may have run: every tool for the master key (and an
/// anonymous loopback caller, keyId ""), else the key's allowed_tools, or
/// every tool when the key names none. A key that is gone may run none.
ToolPatterns toolsAllowedFor(const std::string& keyId, const keys::KeyDirectory& keys);

}  // namespace manifold::tools
