#pragma once

#include <Poco/Net/IPAddress.h>

#include <string>
#include <vector>

namespace manifold::upstream {

/// Turns a host name into addresses. The egress policy resolves each name
/// once, checks every address, and the connection goes to a checked address:
/// nothing resolves the name again, so DNS cannot rebind it in between.
class HostResolver {
 public:
  virtual ~HostResolver() = default;
  /// False with `problem` set when the name has no address.
  virtual bool resolve(const std::string& name, std::vector<Poco::Net::IPAddress>& addresses,
                       std::string& problem) const = 0;
};

}  // namespace manifold::upstream
