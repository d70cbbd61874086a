#pragma once

#include <manifold/plugin.h>

#include <vector>

#include "plugins/AbiStrings.h"
#include "upstream/HttpExchange.h"

namespace manifold::plugins {

// How the host's HTTP client results cross the ABI, for provider calls and for
// the http services plugins use alike.

/// Views of the headers, valid while `headers` lives.
inline std::vector<mf_header> toAbiHeaders(const upstream::HeaderList& headers) {
  std::vector<mf_header> raw;
  raw.reserve(headers.size());
  for (const auto& [name, value] : headers) raw.push_back({toAbi(name), toAbi(value)});
  return raw;
}

/// A failure before any response: timeouts and broken connections may succeed
/// elsewhere; a URL the egress policy forbids is the operator's to fix, never
/// the client's, so it is internal rather than invalid.
inline void fillTransportError(mf_error* error, const upstream::TransportFailure& failure) {
  using Kind = upstream::TransportFailure::Kind;
  switch (failure.kind) {
    case Kind::Timeout:
      fillError(error, MF_ERR_TIMEOUT, true, failure.message);
      break;
    case Kind::Forbidden:
    case Kind::InvalidUrl:
      fillError(error, MF_ERR_INTERNAL, false, failure.message);
      break;
    default:
      fillError(error, MF_ERR_UNAVAILABLE, true, failure.message);
      break;
  }
}

}  // namespace manifold::plugins
