// The egress address classifier over every spelling an attacker might use to
// reach an internal address: the policy normalises the host first
// (HostLiteral), then classifies the address it names.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "upstream/AddressClass.h"
#include "upstream/HostLiteral.h"

namespace manifold::upstream {
namespace {

// The class of the address a URL host names; fails the test for a name.
AddressClass classOf(const std::string& host) {
  const std::optional<HostLiteral> literal = HostLiteral::parse(host);
  if (!literal || !literal->address()) {
    ADD_FAILURE() << host << " is not an IP literal";
    return AddressClass::Public;
  }
  return classifyAddress(*literal->address());
}

void expectAll(AddressClass expected, const std::vector<std::string>& hosts) {
  for (const std::string& host : hosts)
    EXPECT_EQ(classOf(host), expected) << host << " is " << describeAddressClass(classOf(host));
}

TEST(AddressClassTest, TheMetadataAddressIsRecognisedInEverySpelling) {
  expectAll(AddressClass::Metadata, {"169.254.169.254",
                                     "2852039166",
                                     "0251.0376.0251.0376",
                                     "0xA9FEA9FE",
                                     "0xa9fea9fe",
                                     "0xa9.0xfe.0xa9.0xfe",
                                     "169.254.43518",
                                     "169.16689662",
                                     "0251.0xfe.169.0376",
                                     "169.254.169.254.",
                                     "::ffff:169.254.169.254",
                                     "::ffff:a9fe:a9fe",
                                     "[::ffff:a9fe:a9fe]",
                                     "[::FFFF:169.254.169.254]",
                                     "::a9fe:a9fe",
                                     "64:ff9b::169.254.169.254",
                                     "64:ff9b::a9fe:a9fe",
                                     "2002:a9fe:a9fe::1",
                                     "fd00:ec2::254",
                                     "[FD00:EC2::254]",
                                     "fd00:ec2:0:0:0:0:0:254"});
  expectAll(AddressClass::Metadata, {"169.254.170.2", "100.100.100.200"});
}

TEST(AddressClassTest, LoopbackInEverySpelling) {
  expectAll(AddressClass::Loopback,
            {"127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7F.1", "0177.0.0.1",
             "017700000001", "127.255.255.254", "127.0.0.1.", "::1", "[::1]", "0:0:0:0:0:0:0:1",
             "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::7f00:1"});
}

TEST(AddressClassTest, PrivateRanges) {
  expectAll(AddressClass::Private,
            {"10.0.0.1", "10.255.255.255", "012.1", "167772161", "172.16.0.1", "172.31.255.255",
             "192.168.0.1", "0xc0a80001", "fc00::1", "fd12:3456::1", "fec0::1", "::ffff:10.0.0.1",
             "::ffff:192.168.1.1"});
}

TEST(AddressClassTest, LinkLocalCgnatMulticastUnspecifiedAndReserved) {
  expectAll(AddressClass::LinkLocal, {"169.254.0.1", "169.254.255.255", "fe80::1", "febf::1"});
  expectAll(AddressClass::Cgnat, {"100.64.0.1", "100.127.255.255", "::ffff:100.64.0.1"});
  expectAll(AddressClass::Multicast,
            {"224.0.0.1", "239.255.255.250", "0xe0000001", "ff02::1", "ff05::2"});
  expectAll(AddressClass::Unspecified, {"0.0.0.0", "0", "0x0", "0.1.2.3", "::", "[::]"});
  expectAll(AddressClass::Reserved, {"240.0.0.1", "255.255.255.255", "198.18.0.1", "100::1"});
}

TEST(AddressClassTest, PublicAddressesPass) {
  expectAll(AddressClass::Public,
            {"93.184.216.34", "8.8.8.8", "1.1.1.1", "1572395042", "172.32.0.1", "172.15.255.255",
             "100.128.0.1", "100.63.255.255", "169.253.255.255", "223.255.255.255", "2606:4700::1",
             "[2606:4700::1]", "2001:4860:4860::8888", "::ffff:93.184.216.34", "2002:5db8:d822::1",
             "64:ff9b::5db8:d822"});
}

TEST(HostLiteralTest, NamesAreFoldedToOneSpelling) {
  const std::optional<HostLiteral> upper = HostLiteral::parse("METADATA.GOOGLE.INTERNAL.");
  ASSERT_TRUE(upper);
  EXPECT_EQ(upper->name(), "metadata.google.internal");
  EXPECT_FALSE(upper->address());
  const std::optional<HostLiteral> name = HostLiteral::parse("Api.OpenAI.com");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->name(), "api.openai.com");
  EXPECT_FALSE(name->address());
  EXPECT_EQ(HostLiteral::parse("0xA9FEA9FE")->describe(), "0xa9fea9fe (169.254.169.254)");
  EXPECT_EQ(HostLiteral::parse("169.254.169.254")->describe(), "169.254.169.254");
}

TEST(HostLiteralTest, HostsThatAreNeitherNamesNorAddressesAreRefused) {
  for (const std::string host :
       {"", ".", "exa mple.com", "user@169.254.169.254", "%31%32%37.0.0.1", "fe80::1%eth0",
        "evil.com:80", "1.2.3.4\n", "a/b", "[::1", "::ffff:1.2.3.4.5", "\xc3\xa9.com"})
    EXPECT_FALSE(HostLiteral::parse(host)) << "\"" << host << "\"";
}

}  // namespace
}  // namespace manifold::upstream
