#include "upstream/AddressClass.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace manifold::upstream {
namespace {

using Bytes16 = std::array<uint8_t, 16>;

bool inV4(uint32_t a, uint32_t network, int prefix) {
  const uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
  return (a & mask) == (network & mask);
}

constexpr uint32_t v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return uint32_t{a} << 24 | uint32_t{b} << 16 | uint32_t{c} << 8 | d;
}

AddressClass classifyV4(uint32_t a) {
  // Metadata first: these sit inside ranges refused anyway, but the reason
  // should say what they are, and they can never be allowed.
  for (uint32_t metadata : {v4(169, 254, 169, 254), v4(169, 254, 170, 2), v4(100, 100, 100, 200)})
    if (a == metadata) return AddressClass::Metadata;
  if (inV4(a, v4(0, 0, 0, 0), 8)) return AddressClass::Unspecified;
  if (inV4(a, v4(127, 0, 0, 0), 8)) return AddressClass::Loopback;
  if (inV4(a, v4(10, 0, 0, 0), 8) || inV4(a, v4(172, 16, 0, 0), 12) ||
      inV4(a, v4(192, 168, 0, 0), 16))
    return AddressClass::Private;
  if (inV4(a, v4(169, 254, 0, 0), 16)) return AddressClass::LinkLocal;
  if (inV4(a, v4(100, 64, 0, 0), 10)) return AddressClass::Cgnat;
  if (inV4(a, v4(224, 0, 0, 0), 4)) return AddressClass::Multicast;
  if (inV4(a, v4(240, 0, 0, 0), 4) || inV4(a, v4(192, 0, 0, 0), 24) ||
      inV4(a, v4(198, 18, 0, 0), 15))
    return AddressClass::Reserved;
  return AddressClass::Public;
}

uint32_t v4At(const Bytes16& b, size_t offset) {
  return uint32_t{b[offset]} << 24 | uint32_t{b[offset + 1]} << 16 | uint32_t{b[offset + 2]} << 8 |
         b[offset + 3];
}

bool allZero(const Bytes16& b, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i)
    if (b[i] != 0) return false;
  return true;
}

AddressClass classifyV6(const Bytes16& b) {
  static const Bytes16 awsMetadata = {0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0,    0,
                                      0,    0,    0,    0,    0, 0, 0x02, 0x54};
  if (b == awsMetadata) return AddressClass::Metadata;
  if (allZero(b, 0, 16)) return AddressClass::Unspecified;
  if (allZero(b, 0, 15) && b[15] == 1) return AddressClass::Loopback;
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated): the
  // kernel connects such an address over IPv4.
  if (allZero(b, 0, 10) && b[10] == 0xff && b[11] == 0xff) return classifyV4(v4At(b, 12));
  if (allZero(b, 0, 12)) return classifyV4(v4At(b, 12));
  // NAT64 well-known prefix 64:ff9b::/96: a translator forwards to the IPv4 inside.
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && allZero(b, 4, 12))
    return classifyV4(v4At(b, 12));
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1)
    return AddressClass::Private;  // 64:ff9b:1::/48, local-use NAT64
  if (b[0] == 0x20 && b[1] == 0x02) return classifyV4(v4At(b, 2));  // 6to4
  if (b[0] == 0xff) return AddressClass::Multicast;
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::Private;                              // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass::LinkLocal;            // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressClass::Private;              // fec0::/10
  if (b[0] == 0x01 && b[1] == 0x00 && allZero(b, 2, 8)) return AddressClass::Reserved;  // 100::/64
  return AddressClass::Public;
}

}  // namespace

AddressClass classifyAddress(const Poco::Net::IPAddress& address) {
  if (address.family() == Poco::Net::IPAddress::IPv4) {
    uint8_t b[4];
    std::memcpy(b, address.addr(), 4);
    return classifyV4(v4(b[0], b[1], b[2], b[3]));
  }
  Bytes16 b;
  std::memcpy(b.data(), address.addr(), 16);
  return classifyV6(b);
}

const char* describeAddressClass(AddressClass c) {
  switch (c) {
    case AddressClass::Public:
      return "a public address";
    case AddressClass::Metadata:
      return "a cloud metadata address";
    case AddressClass::Loopback:
      return "a loopback address";
    case AddressClass::Private:
      return "a private address";
    case AddressClass::LinkLocal:
      return "a link-local address";
    case AddressClass::Cgnat:
      return "a carrier-grade NAT address";
    case AddressClass::Multicast:
      return "a multicast address";
    case AddressClass::Unspecified:
      return "an unspecified address";
    case AddressClass::Reserved:
      return "a reserved address";
  }
  return "an unknown address";
}

}  // namespace manifold::upstream
