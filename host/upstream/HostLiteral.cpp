#include "upstream/HostLiteral.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cctype>

namespace manifold::upstream {

std::optional<HostLiteral> HostLiteral::parse(const std::string& host) {
  std::string name = host;
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']')
    name = name.substr(1, name.size() - 2);
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name.empty() || name.size() > 253) return std::nullopt;
  bool colon = false;
  for (char& c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == ':') {
      colon = true;
      continue;
    }
    if (!std::isalnum(u) && c != '.' && c != '-' && c != '_') return std::nullopt;
    c = static_cast<char>(std::tolower(u));
  }

  HostLiteral literal;
  literal.name_ = name;
  if (colon) {
    // Only an IPv6 literal may hold a colon; inet_pton takes the mapped
    // (::ffff:1.2.3.4) and hex (::ffff:a9fe:a9fe) forms alike.
    in6_addr v6{};
    if (inet_pton(AF_INET6, name.c_str(), &v6) != 1) return std::nullopt;
    literal.address_ = Poco::Net::IPAddress(&v6, sizeof v6);
    return literal;
  }
  // inet_aton takes every legacy IPv4 spelling, exactly as getaddrinfo does
  // when it is handed one; normalising with it means the policy checks the
  // address the connection would reach, whatever the spelling.
  in_addr v4{};
  if (inet_aton(name.c_str(), &v4) == 1) literal.address_ = Poco::Net::IPAddress(&v4, sizeof v4);
  return literal;
}

std::string HostLiteral::describe() const {
  if (!address_) return name_;
  const std::string usual = address_->toString();
  return usual == name_ ? name_ : name_ + " (" + usual + ")";
}

}  // namespace manifold::upstream
