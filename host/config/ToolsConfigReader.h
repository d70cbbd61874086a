#pragma once

#include <Poco/JSON/Object.h>

#include <vector>

#include "config/ConfigLoader.h"
#include "config/ToolsConfig.h"

namespace manifold::config {

/// Reads the "tools" section (schema-checked), and checks what the schema
/// cannot: MCP server ids are unique and each takes its secret from one place.
ToolsConfig readTools(const Poco::JSON::Object::Ptr& tools, std::vector<ConfigProblem>& problems);

}  // namespace manifold::config
