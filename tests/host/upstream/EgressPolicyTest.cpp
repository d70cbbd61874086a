// The egress policy on its own: exceptions by host:port, allowed_hosts, and
// resolve-check-pin with the system resolver ("localhost") or a fixed table
// of names under .invalid, which no real resolver answers, so no test ever
// looks up or reaches a non-loopback address.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "upstream/EgressPolicy.h"
#include "upstream/EgressRule.h"
#include "upstream/SystemResolver.h"

namespace manifold::upstream {
namespace {

using Kind = TransportFailure::Kind;

/// Answers from a fixed table and counts lookups.
class TableResolver : public HostResolver {
 public:
  explicit TableResolver(std::map<std::string, std::vector<std::string>> table)
      : table_(std::move(table)) {}
  bool resolve(const std::string& name, std::vector<Poco::Net::IPAddress>& addresses,
               std::string& problem) const override {
    ++lookups_;
    auto it = table_.find(name);
    if (it == table_.end()) {
      problem = "host not found";
      return false;
    }
    for (const std::string& a : it->second) addresses.emplace_back(a);
    return true;
  }
  int lookups() const { return lookups_; }

 private:
  std::map<std::string, std::vector<std::string>> table_;
  mutable int lookups_ = 0;
};

config::EgressConfig allowing(std::vector<std::string> allow) {
  config::EgressConfig e;
  e.allow = std::move(allow);
  return e;
}

EgressPolicy systemPolicy(std::vector<std::string> allow = {}) {
  return EgressPolicy(allowing(std::move(allow)), std::make_shared<SystemResolver>());
}

TEST(EgressPolicyTest, RefusalsSayWhy) {
  const EgressPolicy policy = systemPolicy();
  TransportFailure f = policy.screen("169.254.169.254", 80);
  EXPECT_EQ(f.kind, Kind::Forbidden);
  EXPECT_EQ(f.message, "egress refused: 169.254.169.254 is a cloud metadata address");
  EXPECT_EQ(policy.screen("0xA9FEA9FE", 80).message,
            "egress refused: 0xa9fea9fe (169.254.169.254) is a cloud metadata address");
  EXPECT_EQ(policy.screen("METADATA.GOOGLE.INTERNAL.", 80).message,
            "egress refused: metadata.google.internal is a cloud metadata address");
  EXPECT_EQ(policy.screen("127.1", 8080).message,
            "egress refused: 127.1 (127.0.0.1) is a loopback address");
  EXPECT_EQ(policy.screen("::ffff:10.0.0.1", 443).message,
            "egress refused: ::ffff:10.0.0.1 is a private address");
  EXPECT_EQ(policy.screen("exa mple.com", 443).kind, Kind::InvalidUrl);
  EXPECT_FALSE(policy.screen("93.184.216.34", 443));
  EXPECT_FALSE(policy.screen("2606:4700::1", 443));
  EXPECT_FALSE(policy.screen("api.openai.com", 443)) << "a name is judged by its addresses";
}

TEST(EgressPolicyTest, MetadataNamesAreRefusedWithoutALookup) {
  auto resolver = std::make_shared<TableResolver>(
      std::map<std::string, std::vector<std::string>>{{"metadata.google.internal", {"8.8.8.8"}}});
  EgressPolicy policy(config::EgressConfig{}, resolver);
  std::vector<Poco::Net::IPAddress> addresses;
  for (const char* host : {"metadata.google.internal", "METADATA.GOOGLE.INTERNAL",
                           "metadata.google.internal.", "Metadata.Goog"}) {
    TransportFailure f = policy.resolve(host, 80, addresses);
    EXPECT_EQ(f.kind, Kind::Forbidden) << host;
    EXPECT_NE(f.message.find("is a cloud metadata address"), std::string::npos) << f.message;
  }
  EXPECT_EQ(resolver->lookups(), 0);
  EXPECT_TRUE(addresses.empty());
}

TEST(EgressPolicyTest, ANameResolvingToLoopbackIsRefused) {
  const EgressPolicy policy = systemPolicy();
  std::vector<Poco::Net::IPAddress> addresses;
  TransportFailure f = policy.resolve("localhost", 11434, addresses);
  EXPECT_EQ(f.kind, Kind::Forbidden);
  EXPECT_NE(f.message.find("egress refused: localhost resolves to "), std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find("a loopback address"), std::string::npos) << f.message;
  EXPECT_TRUE(addresses.empty()) << "nothing to connect to";
}

TEST(EgressPolicyTest, EveryResolvedAddressIsChecked) {
  auto resolver = std::make_shared<TableResolver>(std::map<std::string, std::vector<std::string>>{
      {"mixed.invalid", {"93.184.216.34", "2606:4700::1", "10.0.0.5"}},
      {"public.invalid", {"93.184.216.34", "2606:4700::1"}},
      {"mapped.invalid", {"::ffff:169.254.169.254"}}});
  EgressPolicy policy(config::EgressConfig{}, resolver);
  std::vector<Poco::Net::IPAddress> addresses;
  TransportFailure f = policy.resolve("mixed.invalid", 443, addresses);
  EXPECT_EQ(f.message, "egress refused: mixed.invalid resolves to 10.0.0.5, a private address");
  EXPECT_TRUE(addresses.empty());
  f = policy.resolve("mapped.invalid", 443, addresses);
  EXPECT_NE(f.message.find("a cloud metadata address"), std::string::npos) << f.message;

  ASSERT_FALSE(policy.resolve("public.invalid", 443, addresses));
  ASSERT_EQ(addresses.size(), 2u) << "the checked addresses are the ones to connect to";
  EXPECT_EQ(addresses[0].toString(), "93.184.216.34");
  EXPECT_EQ(policy.resolve("nowhere.invalid", 443, addresses).kind, Kind::Unreachable);
}

TEST(EgressPolicyTest, AnAllowedNameMayResolveToLoopbackOnItsPortOnly) {
  const EgressPolicy policy = systemPolicy({"localhost:11434"});
  std::vector<Poco::Net::IPAddress> addresses;
  EXPECT_FALSE(policy.resolve("localhost", 11434, addresses));
  EXPECT_FALSE(addresses.empty());
  EXPECT_FALSE(policy.resolve("LOCALHOST.", 11434, addresses)) << "same name, other spelling";
  EXPECT_EQ(policy.resolve("localhost", 11435, addresses).kind, Kind::Forbidden);
  EXPECT_EQ(policy.screen("127.0.0.1", 11434).kind, Kind::Forbidden)
      << "a name entry does not allow the address";
}

TEST(EgressPolicyTest, AnAllowedAddressCoversEverySpellingAndNameOfIt) {
  auto resolver = std::make_shared<TableResolver>(
      std::map<std::string, std::vector<std::string>>{{"svc.invalid", {"127.0.0.1"}}});
  EgressPolicy policy(allowing({"127.0.0.1:9000", "[::1]:9001"}), resolver);
  EXPECT_FALSE(policy.screen("127.0.0.1", 9000));
  EXPECT_FALSE(policy.screen("2130706433", 9000));
  EXPECT_FALSE(policy.screen("127.1", 9000));
  EXPECT_FALSE(policy.screen("::1", 9001));
  EXPECT_EQ(policy.screen("127.0.0.1", 9001).kind, Kind::Forbidden) << "the port is part of it";
  EXPECT_EQ(policy.screen("127.0.0.2", 9000).kind, Kind::Forbidden);
  std::vector<Poco::Net::IPAddress> addresses;
  EXPECT_FALSE(policy.resolve("svc.invalid", 9000, addresses));
  EXPECT_EQ(policy.resolve("svc.invalid", 9002, addresses).kind, Kind::Forbidden);
}

TEST(EgressPolicyTest, AnAllowedNameNeverReachesAMetadataAddress) {
  auto resolver = std::make_shared<TableResolver>(
      std::map<std::string, std::vector<std::string>>{{"cloud.invalid", {"169.254.169.254"}}});
  EgressPolicy policy(allowing({"cloud.invalid:80"}), resolver);
  std::vector<Poco::Net::IPAddress> addresses;
  TransportFailure f = policy.resolve("cloud.invalid", 80, addresses);
  EXPECT_EQ(f.message,
            "egress refused: cloud.invalid resolves to 169.254.169.254, a cloud metadata address");
}

TEST(EgressPolicyTest, AllowedHostsStillLimitNames) {
  config::EgressConfig e;
  e.allowedHosts = {"api.example.com", "*.corp.example"};
  e.allow = {"127.0.0.1:9000"};
  EgressPolicy policy(e, std::make_shared<SystemResolver>());
  EXPECT_FALSE(policy.screen("API.example.com", 443));
  EXPECT_FALSE(policy.screen("a.corp.example", 443));
  EXPECT_EQ(policy.screen("corp.example", 443).message,
            "egress refused: host \"corp.example\" is not in egress.allowed_hosts");
  EXPECT_EQ(policy.screen("93.184.216.34", 443).kind, Kind::Forbidden);
  EXPECT_FALSE(policy.screen("127.0.0.1", 9000)) << "an allow entry names its host:port exactly";
}

TEST(EgressRuleTest, EntriesNameOneHostAndOnePort) {
  std::string problem;
  EXPECT_TRUE(EgressRule::parse("localhost:11434", problem));
  EXPECT_TRUE(EgressRule::parse("127.0.0.1:8080", problem));
  EXPECT_TRUE(EgressRule::parse("[::1]:8080", problem));
  EXPECT_TRUE(EgressRule::parse("ollama.internal.:11434", problem));
  for (const char* bad : {"127.0.0.1", "127.0.0.1:", ":80", "127.0.0.1:0", "127.0.0.1:65536",
                          "127.0.0.1:80x", "::1:80", "bad host:80", "127.0.0.1:*"}) {
    problem.clear();
    EXPECT_FALSE(EgressRule::parse(bad, problem)) << bad;
    EXPECT_FALSE(problem.empty()) << bad;
  }
  EgressRule::parse("127.0.0.1:*", problem);
  EXPECT_NE(problem.find("port wildcard"), std::string::npos) << problem;
}

TEST(EgressRuleTest, MetadataCanNeverBeAllowed) {
  for (const char* entry :
       {"169.254.169.254:80", "0xA9FEA9FE:80", "[fd00:ec2::254]:80", "[::ffff:169.254.169.254]:80",
        "metadata.google.internal:80", "METADATA.GOOGLE.INTERNAL.:80"}) {
    std::string problem;
    EXPECT_FALSE(EgressRule::parse(entry, problem)) << entry;
    EXPECT_NE(problem.find("cloud metadata"), std::string::npos) << problem;
  }
  EXPECT_THROW(EgressPolicy(allowing({"169.254.169.254:80"}), std::make_shared<SystemResolver>()),
               std::invalid_argument);
}

}  // namespace
}  // namespace manifold::upstream
