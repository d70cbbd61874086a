#pragma once

#include <string_view>

#include "tools/ToolDefinition.h"

namespace manifold::tools {

/// Whether a message names one of a tool's live intents: each is a phrase
/// matched on word boundaries, ignoring case and accents, as the router
/// matches plugin intents (router/WordPattern). A tool with none never does.
bool liveIntentsMatch(const ToolDefinition& tool, std::string_view message);

}  // namespace manifold::tools
