#pragma once

#include <Poco/Net/IPAddress.h>

#include <optional>
#include <string>

#include "upstream/HostLiteral.h"

namespace manifold::upstream {

/// One entry of egress.allow: "host:port", an exception to the refusal of
/// internal addresses. The port is always named; there is no port wildcard,
/// because "127.0.0.1:*" would open every local service (databases, admin
/// ports) to anything that can set a URL. An IPv6 host is written in
/// brackets: "[::1]:11434".
/// - A name entry ("localhost:11434") allows that name on that port, whatever
///   internal address it resolves to.
/// - An address entry ("127.0.0.1:11434", in any spelling) allows that
///   address on that port, however the URL spells or names it.
/// A cloud metadata name or address can never be allowed.
class EgressRule {
 public:
  /// The rule, or nullopt with `problem` saying what is wrong.
  static std::optional<EgressRule> parse(const std::string& entry, std::string& problem);

  /// The URL's host (as written) and port are this rule's.
  bool allowsHost(const HostLiteral& host, unsigned short port) const;
  /// A resolved address and port are this rule's (address entries only).
  bool allowsAddress(const Poco::Net::IPAddress& address, unsigned short port) const;

 private:
  EgressRule(HostLiteral host, unsigned short port) : host_(std::move(host)), port_(port) {}

  HostLiteral host_;
  unsigned short port_;
};

}  // namespace manifold::upstream
