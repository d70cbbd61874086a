#pragma once

#include <Poco/Net/Context.h>

#include <memory>
#include <string>

#include "config/GatewayConfig.h"
#include "upstream/ConnectionPool.h"
#include "upstream/EgressPolicy.h"
#include "upstream/HttpExchange.h"
#include "upstream/ProxySettings.h"

namespace manifold::upstream {

/// The host's HTTP/1.1 client for every upstream request:
/// - the egress policy is applied before any connection is opened: a host
///   name is resolved once, every address checked, and the socket connects
///   to a checked address, never to the name (no second lookup to rebind);
///   the Host header, SNI and certificate check keep the name. Through a
///   forward proxy only the URL itself is screened: the proxy resolves;
/// - keep-alive connections are pooled per origin, and a request that meets a
///   stale pooled connection is retried once on a fresh one;
/// - https verifies certificates (system store plus egress.ca_file) and host
///   names, and sends SNI; verification is never turned off;
/// - HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (CONNECT tunnels);
/// - every wait has a deadline and honours the cancellation token, so a client that
///   leaves cancels the upstream request within one poll.
class PooledHttpExchange : public HttpExchange {
 public:
  /// `resolver`: null for the system resolver. Throws std::invalid_argument
  /// for a bad egress.allow entry.
  PooledHttpExchange(config::EgressConfig egress, ProxySettings proxies,
                     std::shared_ptr<const HostResolver> resolver = nullptr);
  TransportFailure send(const OutboundRequest& request, const ResponseHandler& handler) override;

  size_t idleConnections() const { return pool_.idleCount(); }

 private:
  struct Target;

  TransportFailure parseTarget(const std::string& url, Target& target) const;
  std::unique_ptr<UpstreamConnection> connect(const Target& target, Clock::time_point deadline,
                                              TransportFailure& failure);
  std::string serialize(const OutboundRequest& request, const Target& target) const;

  config::EgressConfig egress_;
  EgressPolicy policy_;
  ProxySettings proxies_;
  Poco::Net::Context::Ptr tls_;
  ConnectionPool pool_;
};

}  // namespace manifold::upstream
