#include "upstream/SystemResolver.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <optional>

namespace manifold::upstream {

bool SystemResolver::resolve(const std::string& name, std::vector<Poco::Net::IPAddress>& addresses,
                             std::string& problem) const {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(name.c_str(), nullptr, &hints, &found);
  if (rc != 0) {
    problem = rc == EAI_NONAME || rc == EAI_NODATA ? "host not found" : ::gai_strerror(rc);
    return false;
  }
  for (const addrinfo* a = found; a; a = a->ai_next) {
    std::optional<Poco::Net::IPAddress> address;
    if (a->ai_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      address = Poco::Net::IPAddress(&in->sin_addr, sizeof in->sin_addr);
    } else if (a->ai_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      address = Poco::Net::IPAddress(&in6->sin6_addr, sizeof in6->sin6_addr, in6->sin6_scope_id);
    }
    if (address && std::find(addresses.begin(), addresses.end(), *address) == addresses.end())
      addresses.push_back(*address);
  }
  ::freeaddrinfo(found);
  if (addresses.empty()) problem = "host has no address";
  return !addresses.empty();
}

}  // namespace manifold::upstream
