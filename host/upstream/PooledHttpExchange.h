#pragma once

#include <Poco/Net/Context.h>

#include <memory>
#include <string>

#include "config/GatewayConfig.h"
#include "upstream/ConnectionPool.h"
#include "upstream/HttpExchange.h"
#include "upstream/ProxySettings.h"

namespace manifold::upstream {

/// The host's HTTP/1.1 client for every upstream request:
/// - the egress allow-list is applied before any connection is opened;
/// - keep-alive connections are pooled per origin, and a request that meets a
///   stale pooled connection is retried once on a fresh one;
/// - https verifies certificates (system store plus egress.ca_file) and host
///   names, and sends SNI; verification is never turned off;
/// - HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (CONNECT tunnels);
/// - every wait has a deadline and honours the cancellation token, so a client that
///   leaves cancels the upstream request within one poll.
class PooledHttpExchange : public HttpExchange {
 public:
  PooledHttpExchange(config::EgressConfig egress, ProxySettings proxies);
  TransportFailure send(const OutboundRequest& request, const ResponseHandler& handler) override;

  size_t idleConnections() const { return pool_.idleCount(); }

 private:
  struct Target;

  bool hostAllowed(const std::string& host) const;
  TransportFailure parseTarget(const std::string& url, Target& target) const;
  std::unique_ptr<UpstreamConnection> connect(const Target& target, Clock::time_point deadline,
                                              TransportFailure& failure);
  std::string serialize(const OutboundRequest& request, const Target& target) const;

  config::EgressConfig egress_;
  ProxySettings proxies_;
  Poco::Net::Context::Ptr tls_;
  ConnectionPool pool_;
};

}  // namespace manifold::upstream
