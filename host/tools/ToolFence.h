#pragma once

#include <cstdint>
#include <string>

#include "tools/ToolDefinition.h"
#include "tools/ToolResult.h"
#include "trust/BoundaryMarkers.h"

namespace manifold::tools {

/// A tool's result as a model reads it: its JSON (or, for a failure, the
/// error's code and words), cut to `maxChars` with a note that says so,
/// stripped of invisible characters, marker syntax neutralised, between the
/// request's tool_result boundary markers.
std::string fenceToolResult(const ToolDefinition& tool, const ToolResult& result,
                            const trust::BoundaryMarkers& markers, int64_t maxChars);

/// The result's text before fencing (JSON, or "error <code>: <message>"),
/// cut to `maxChars` on a UTF-8 boundary with a note that says so.
std::string toolResultText(const ToolResult& result, int64_t maxChars);

}  // namespace manifold::tools
