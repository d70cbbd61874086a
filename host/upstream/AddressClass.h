#pragma once

#include <Poco/Net/IPAddress.h>

namespace manifold::upstream {

/// What an IP address is, as the egress policy sees it. Everything but Public
/// is refused unless egress.allow names it (Metadata never can be).
enum class AddressClass {
  Public,
  Metadata,     ///< a cloud instance-metadata service
  Loopback,     ///< 127.0.0.0/8, ::1
  Private,      ///< 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10
  LinkLocal,    ///< 169.254/16, fe80::/10
  Cgnat,        ///< 100.64/10, shared carrier-grade NAT space
  Multicast,    ///< 224/4, ff00::/8
  Unspecified,  ///< 0.0.0.0/8, ::
  Reserved,     ///< 240/4, broadcast, 192.0.0/24, 198.18/15, 100::/64
};

/// Classifies an address. IPv6 forms that carry an IPv4 address (IPv4-mapped
/// ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 and 6to4
/// 2002::/16) are classified by the IPv4 address inside, since that is where
/// the connection ends up.
AddressClass classifyAddress(const Poco::Net::IPAddress& address);

/// "a loopback address", "a cloud metadata address"... for refusal messages.
const char* describeAddressClass(AddressClass c);

}  // namespace manifold::upstream
