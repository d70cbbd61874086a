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

/// Collects the upstream request a provider builds (mf_request_builder).
class RequestCollector {
 public:
  RequestCollector()
      : builder_{sizeof(mf_request_builder), this, &setMethod, &setUrl, &addHeader, &setBody} {}
  RequestCollector(const RequestCollector&) = delete;
  RequestCollector& operator=(const RequestCollector&) = delete;

  const mf_request_builder* builder() const { return &builder_; }
  upstream::OutboundRequest request;

 private:
  static void setMethod(void* c, mf_str v) {
    static_cast<RequestCollector*>(c)->request.method = fromAbi(v);
  }
  static void setUrl(void* c, mf_str v) {
    static_cast<RequestCollector*>(c)->request.url = fromAbi(v);
  }
  static void addHeader(void* c, mf_str n, mf_str v) {
    static_cast<RequestCollector*>(c)->request.headers.emplace_back(fromAbi(n), fromAbi(v));
  }
  static void setBody(void* c, mf_str v) {
    static_cast<RequestCollector*>(c)->request.body = fromAbi(v);
  }
  mf_request_builder builder_;
};

}  // namespace manifold::plugins
