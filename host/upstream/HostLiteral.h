#pragma once

#include <Poco/Net/IPAddress.h>

#include <optional>
#include <string>

namespace manifold::upstream {

/// A URL host as the egress policy compares it. The same destination has many
/// spellings; this folds the ones that name the same thing into one:
/// - lower case, one trailing dot removed ("METADATA.GOOGLE.INTERNAL." is
///   "metadata.google.internal"), brackets around IPv6 removed;
/// - an IPv4 literal in any form the C library's inet_aton accepts (decimal
///   2852039166, octal 0251.0376.0251.0376, hex 0xA9FEA9FE or
///   0xa9.0xfe.0xa9.0xfe, short forms such as 127.1) becomes its address,
///   because that is the address the resolver would connect to;
/// - an IPv6 literal becomes its address.
class HostLiteral {
 public:
  /// False when `host` cannot be a host name or an IP literal: only letters,
  /// digits, '.', '-', '_' and, for IPv6, ':' are allowed. Anything else
  /// (spaces, '%', '@', a zone id) is refused rather than guessed at.
  static std::optional<HostLiteral> parse(const std::string& host);

  /// Lower case, no trailing dot, no brackets.
  const std::string& name() const { return name_; }
  /// Set when the host is an IP literal, in any spelling.
  const std::optional<Poco::Net::IPAddress>& address() const { return address_; }
  /// "0xa9fea9fe (169.254.169.254)", or the name alone when it already is
  /// the address's usual spelling.
  std::string describe() const;

 private:
  std::string name_;
  std::optional<Poco::Net::IPAddress> address_;
};

}  // namespace manifold::upstream
