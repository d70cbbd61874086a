#pragma once

#include <manifold/plugin.h>

namespace manifold::failover {

/// What the chain does after an attempt failed before its answer committed.
/// Read from the error's code and flags only, never its message.
enum class FailureDisposition {
  Cancelled,      ///< the client left: stop everything
  Rejected,       ///< the request itself is at fault: tell the client, try no one else
  ContextLength,  ///< too long for this engine: only a larger window may help
  KeyRefused,     ///< this key is refused: rest it, use the next key or step
  RateLimited,    ///< told when to come back (retry_after_ms): rest the key, move on
  Silent,         ///< no answer in time: move on, never retry a silent route
  Unreachable,    ///< the host will not send it (egress policy, bad URL): next step, no retry
  Retryable,      ///< 5xx, 429 without a time, resets, malformed streams
};

inline FailureDisposition dispositionOf(const mf_error& e) {
  switch (e.code) {
    case MF_ERR_CANCELLED:
      return FailureDisposition::Cancelled;
    case MF_ERR_CONTEXT_LENGTH:
      return FailureDisposition::ContextLength;
    case MF_ERR_AUTH:
      return FailureDisposition::KeyRefused;
    case MF_ERR_TIMEOUT:
      return FailureDisposition::Silent;
    case MF_ERR_RATE_LIMITED:
      return e.retry_after_ms > 0 ? FailureDisposition::RateLimited : FailureDisposition::Retryable;
    case MF_ERR_INTERNAL:
      return e.retryable ? FailureDisposition::Retryable : FailureDisposition::Unreachable;
    case MF_ERR_INVALID:
    case MF_ERR_CONTENT_FILTER:
      return e.retryable ? FailureDisposition::Retryable : FailureDisposition::Rejected;
    default:
      return FailureDisposition::Retryable;
  }
}

}  // namespace manifold::failover
