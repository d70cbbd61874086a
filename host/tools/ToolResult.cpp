#include "tools/ToolResult.h"

namespace manifold::tools {

std::string ToolResult::errorName() const {
  if (ok) return "";
  switch (errorCode) {
    case MF_ERR_INVALID:
      return "invalid_arguments";
    case MF_ERR_AUTH:
      return "upstream_auth";
    case MF_ERR_NOT_FOUND:
      return "not_found";
    case MF_ERR_RATE_LIMITED:
      return "rate_limited";
    case MF_ERR_UNAVAILABLE:
      return "upstream_unavailable";
    case MF_ERR_TIMEOUT:
      return "timeout";
    case MF_ERR_CANCELLED:
      return "cancelled";
    default:
      return "tool_failed";
  }
}

}  // namespace manifold::tools
