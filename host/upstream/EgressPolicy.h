#pragma once

#include <Poco/Net/IPAddress.h>

#include <memory>
#include <string>
#include <vector>

#include "config/GatewayConfig.h"
#include "upstream/EgressRule.h"
#include "upstream/HostResolver.h"
#include "upstream/HttpExchange.h"

namespace manifold::upstream {

/// Where the host may send requests. Applied to every request the host makes
/// (provider calls and plugins' HTTP service alike), before any connection:
/// 1. egress.allowed_hosts, when not empty, is the list of the only names that
///    may be reached (an egress.allow entry for the exact host:port counts too);
/// 2. a cloud metadata name or address is refused, always;
/// 3. an address that is not public (loopback, private, link-local, CGNAT,
///    multicast, unspecified, reserved) is refused unless egress.allow names
///    the host:port or the address:port. IP literals are checked in every
///    spelling (see HostLiteral); names are resolved once and every address
///    is checked, and the connection goes only to those checked addresses.
/// A refusal is Kind::Forbidden with a reason that starts "egress refused: ".
class EgressPolicy {
 public:
  /// Throws std::invalid_argument naming a bad egress.allow entry (the config
  /// loader refuses those first; this guards configs built in code).
  EgressPolicy(const config::EgressConfig& egress, std::shared_ptr<const HostResolver> resolver);

  /// Checks what can be checked without a lookup: the host's spelling,
  /// allowed_hosts, metadata names and IP literals. Enough when a forward
  /// proxy resolves the name.
  TransportFailure screen(const std::string& host, unsigned short port) const;
  /// screen(), then the addresses to connect to: the literal itself, or every
  /// address the name resolves to, each checked.
  TransportFailure resolve(const std::string& host, unsigned short port,
                           std::vector<Poco::Net::IPAddress>& addresses) const;

 private:
  TransportFailure screen(const std::string& host, unsigned short port, HostLiteral& literal,
                          bool& allowed) const;
  bool onAllowedHosts(const std::string& name) const;

  std::vector<std::string> allowedHosts_;
  std::vector<EgressRule> allow_;
  std::shared_ptr<const HostResolver> resolver_;
};

}  // namespace manifold::upstream
