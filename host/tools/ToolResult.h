#pragma once

#include <manifold/plugin.h>

#include <cstdint>
#include <string>

namespace manifold::tools {

/// How one tool call ended. A failed call is still an answer a model can
/// read: `message` says what went wrong in words meant for it and for logs.
struct ToolResult {
  bool ok = false;
  std::string json;                 ///< the tool's result (ok): a JSON value as the tool wrote it
  int32_t errorCode = MF_ERR_NONE;  ///< MF_ERR_* when !ok
  std::string message;              ///< when !ok
  int32_t upstreamStatus = 0;       ///< the tool's upstream HTTP status, when it named one
  bool cached = false;              ///< served from the response cache
  int64_t latencyMs = 0;

  static ToolResult failure(int32_t code, std::string message) {
    ToolResult r;
    r.errorCode = code;
    r.message = std::move(message);
    return r;
  }
  /// The stable name of the error code ("invalid", "timeout"...), "" when ok.
  std::string errorName() const;
};

}  // namespace manifold::tools
