#include "chat/ErrorCodes.h"

#include <manifold/plugin.h>

namespace manifold::chat {

const char* openAiErrorCode(int32_t code) {
  switch (code) {
    case MF_ERR_INVALID:
      return "invalid_request";
    case MF_ERR_AUTH:
      return "upstream_auth";
    case MF_ERR_NOT_FOUND:
      return "model_not_found";
    case MF_ERR_RATE_LIMITED:
      return "rate_limited";
    case MF_ERR_UNAVAILABLE:
      return "upstream_unavailable";
    case MF_ERR_TIMEOUT:
      return "upstream_timeout";
    case MF_ERR_CANCELLED:
      return "cancelled";
    case MF_ERR_CONTEXT_LENGTH:
      return "context_length_exceeded";
    case MF_ERR_CONTENT_FILTER:
      return "content_filter";
    default:
      return "internal_error";
  }
}

}  // namespace manifold::chat
