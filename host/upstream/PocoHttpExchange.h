#pragma once

#include <Poco/Net/Context.h>

#include "config/GatewayConfig.h"
#include "upstream/HttpExchange.h"

namespace manifold::upstream {

/// HttpExchange over Poco's client sessions: http and https (certificates
/// verified against the system CA store), with the egress allow-list applied
/// before any connection is opened.
class PocoHttpExchange : public HttpExchange {
 public:
  explicit PocoHttpExchange(config::EgressConfig egress);
  TransportFailure send(const OutboundRequest& request, const ResponseHandler& handler) override;

 private:
  bool hostAllowed(const std::string& host) const;

  config::EgressConfig egress_;
  Poco::Net::Context::Ptr tls_;
};

}  // namespace manifold::upstream
