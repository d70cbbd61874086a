#pragma once

#include "upstream/HostResolver.h"

namespace manifold::upstream {

/// The system resolver (getaddrinfo: /etc/hosts, then DNS), without
/// exceptions.
class SystemResolver : public HostResolver {
 public:
  bool resolve(const std::string& name, std::vector<Poco::Net::IPAddress>& addresses,
               std::string& problem) const override;
};

}  // namespace manifold::upstream
