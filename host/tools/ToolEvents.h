#pragma once

#include <string>
#include <vector>

#include "tools/ToolDefinition.h"
#include "tools/ToolResult.h"

namespace manifold::tools {

/// The JSON fields (after "type") of the native stream's tool events, as
/// schemas/stream-events.schema.json defines them.

/// One item of a `sources` event: a live pre-step tool and what it gave. Its
/// url is the one the result names ("url"), else "manifold:tool/<name>".
std::string sourceItem(const ToolDefinition& tool, const ToolResult& result);
/// The fields of a `sources` event from its items.
std::string sourcesFields(const std::vector<std::string>& items);
/// A gateway tool call the model made: tool_call with "gateway": true.
std::string toolCallFields(int index, const std::string& callId, const std::string& wireName,
                           const std::string& argumentsJson, int step);
/// Its result: tool_result.
std::string toolResultFields(const std::string& callId, const std::string& wireName,
                             const ToolResult& result, int step);

}  // namespace manifold::tools
