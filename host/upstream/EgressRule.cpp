#include "upstream/EgressRule.h"

#include "upstream/AddressClass.h"
#include "upstream/MetadataHosts.h"

namespace manifold::upstream {

std::optional<EgressRule> EgressRule::parse(const std::string& entry, std::string& problem) {
  const size_t colon = entry.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    problem = "\"" + entry + "\" is not host:port";
    return std::nullopt;
  }
  const std::string hostText = entry.substr(0, colon);
  const std::string portText = entry.substr(colon + 1);
  if (portText == "*") {
    problem = "\"" + entry + "\" has a port wildcard; name the one port to allow";
    return std::nullopt;
  }
  unsigned long port = 0;
  const bool digits = !portText.empty() && portText.size() <= 5 &&
                      portText.find_first_not_of("0123456789") == std::string::npos;
  if (digits) port = std::stoul(portText);
  if (!digits || port == 0 || port > 65535) {
    problem = "\"" + entry + "\" needs a port from 1 to 65535";
    return std::nullopt;
  }
  // An IPv6 address must be bracketed, so its colons are not read as the port's.
  const bool bracketed = hostText.front() == '[' && hostText.back() == ']';
  if (!bracketed && hostText.find(':') != std::string::npos) {
    problem = "\"" + entry + "\": write an IPv6 address in brackets, [::1]:port";
    return std::nullopt;
  }
  std::optional<HostLiteral> host = HostLiteral::parse(hostText);
  if (!host) {
    problem = "\"" + entry + "\" does not name a host";
    return std::nullopt;
  }
  if (isMetadataHostName(host->name()) ||
      (host->address() && classifyAddress(*host->address()) == AddressClass::Metadata)) {
    problem = "\"" + entry + "\" names a cloud metadata address, which cannot be allowed";
    return std::nullopt;
  }
  return EgressRule(std::move(*host), static_cast<unsigned short>(port));
}

bool EgressRule::allowsHost(const HostLiteral& host, unsigned short port) const {
  if (port != port_) return false;
  if (host_.address() || host.address())
    return host_.address() && host.address() && *host_.address() == *host.address();
  return host_.name() == host.name();
}

bool EgressRule::allowsAddress(const Poco::Net::IPAddress& address, unsigned short port) const {
  return port == port_ && host_.address() && *host_.address() == address;
}

}  // namespace manifold::upstream
