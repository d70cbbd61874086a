#include "upstream/EgressPolicy.h"

#include <Poco/String.h>

#include <stdexcept>

#include "upstream/AddressClass.h"
#include "upstream/MetadataHosts.h"

namespace manifold::upstream {
namespace {

using Kind = TransportFailure::Kind;

TransportFailure refused(const std::string& why) {
  return {Kind::Forbidden, "egress refused: " + why};
}

}  // namespace

EgressPolicy::EgressPolicy(const config::EgressConfig& egress,
                           std::shared_ptr<const HostResolver> resolver)
    : resolver_(std::move(resolver)) {
  for (const std::string& host : egress.allowedHosts) {
    std::string name = Poco::toLower(host);
    if (name.size() > 1 && name.back() == '.') name.pop_back();
    allowedHosts_.push_back(name);
  }
  for (const std::string& entry : egress.allow) {
    std::string problem;
    std::optional<EgressRule> rule = EgressRule::parse(entry, problem);
    if (!rule) throw std::invalid_argument("egress.allow: " + problem);
    allow_.push_back(std::move(*rule));
  }
}

bool EgressPolicy::onAllowedHosts(const std::string& name) const {
  if (allowedHosts_.empty()) return true;
  for (const std::string& pattern : allowedHosts_) {
    if (pattern == name) return true;
    // "*.example.com" matches any subdomain, never the bare domain.
    if (pattern.size() > 2 && pattern.compare(0, 2, "*.") == 0 &&
        name.size() > pattern.size() - 1 &&
        name.compare(name.size() - (pattern.size() - 1), pattern.size() - 1, pattern, 1) == 0)
      return true;
  }
  return false;
}

TransportFailure EgressPolicy::screen(const std::string& host, unsigned short port,
                                      HostLiteral& literal, bool& allowed) const {
  std::optional<HostLiteral> parsed = HostLiteral::parse(host);
  if (!parsed) return {Kind::InvalidUrl, "URL host \"" + host + "\" is not a host name"};
  literal = std::move(*parsed);
  allowed = false;
  for (const EgressRule& rule : allow_) allowed = allowed || rule.allowsHost(literal, port);
  if (!allowed && !onAllowedHosts(literal.name()))
    return refused("host \"" + literal.name() + "\" is not in egress.allowed_hosts");
  if (isMetadataHostName(literal.name()))
    return refused(literal.name() + " is a cloud metadata address");
  if (literal.address()) {
    const AddressClass c = classifyAddress(*literal.address());
    if (c == AddressClass::Metadata || (c != AddressClass::Public && !allowed))
      return refused(literal.describe() + " is " + describeAddressClass(c));
  }
  return {};
}

TransportFailure EgressPolicy::screen(const std::string& host, unsigned short port) const {
  HostLiteral literal;
  bool allowed = false;
  return screen(host, port, literal, allowed);
}

TransportFailure EgressPolicy::resolve(const std::string& host, unsigned short port,
                                       std::vector<Poco::Net::IPAddress>& addresses) const {
  HostLiteral literal;
  bool allowed = false;
  if (TransportFailure failure = screen(host, port, literal, allowed)) return failure;
  addresses.clear();
  if (literal.address()) {
    addresses.push_back(*literal.address());
    return {};
  }
  std::string problem;
  if (!resolver_->resolve(literal.name(), addresses, problem) || addresses.empty())
    return {Kind::Unreachable,
            "resolve " + literal.name() + ": " + (problem.empty() ? "no address" : problem)};
  // Every address is checked, not just the first: the socket may try any.
  for (const Poco::Net::IPAddress& address : addresses) {
    const AddressClass c = classifyAddress(address);
    if (c == AddressClass::Public) continue;
    bool addressAllowed = allowed;
    for (const EgressRule& rule : allow_)
      addressAllowed = addressAllowed || rule.allowsAddress(address, port);
    if (c == AddressClass::Metadata || !addressAllowed) {
      const std::string why =
          literal.name() + " resolves to " + address.toString() + ", " + describeAddressClass(c);
      addresses.clear();  // nothing of a refused name may be connected to
      return refused(why);
    }
  }
  return {};
}

}  // namespace manifold::upstream
