// The egress policy inside a whole gateway: a step whose base_url names the
// cloud metadata address (in any spelling) is refused before any connection,
// the chain moves on to the next step, and the attempt's reason says why.
// The next step is the loopback fake, allowed explicitly by egress.allow.
#include "host/failover/FailoverFixture.h"

namespace manifold::test {
namespace {

struct MetadataUrl {
  std::string baseUrl;
  std::string reason;  ///< the refused attempt's recorded reason
};

class EgressFixture : public FailoverFixture {
 protected:
  void startWithFirstStepAt(const std::string& baseUrl, std::vector<std::string> chain) {
    config::EngineConfig metadata = engine("metadata");
    metadata.baseUrl = baseUrl;
    start({metadata, engine("ok")}, {mode("smart", std::move(chain))});
  }
};

class EgressGatewayTest : public EgressFixture,
                          public ::testing::WithParamInterface<MetadataUrl> {};

TEST_P(EgressGatewayTest, AMetadataBaseUrlIsRefusedAndTheChainMovesOn) {
  startWithFirstStepAt(GetParam().baseUrl, {"metadata", "ok"});
  HttpResult r = chat("mode/smart", false);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "ok");
  EXPECT_NE(r.body.find("Hello"), std::string::npos) << "the fake's answer: " << r.body;
  EXPECT_EQ(fake_.requests("ok"), 1);
  const std::vector<std::string> rows = attemptRows("engine_id, outcome, reason");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], "metadata:failed:" + GetParam().reason)
      << "refused by the policy, so never connected";
  EXPECT_EQ(rows[1].rfind("ok:answered", 0), 0u) << rows[1];
}

INSTANTIATE_TEST_SUITE_P(
    Spellings, EgressGatewayTest,
    ::testing::Values(
        MetadataUrl{"http://169.254.169.254/v1",
                    "egress refused: 169.254.169.254 is a cloud metadata address"},
        MetadataUrl{"http://0xA9FEA9FE/v1",
                    "egress refused: 0xa9fea9fe (169.254.169.254) is a cloud metadata address"},
        MetadataUrl{"http://2852039166/latest/v1",
                    "egress refused: 2852039166 (169.254.169.254) is a cloud metadata address"},
        MetadataUrl{"http://[::ffff:a9fe:a9fe]/v1",
                    "egress refused: ::ffff:a9fe:a9fe (::ffff:169.254.169.254) is a cloud "
                    "metadata address"},
        MetadataUrl{"https://METADATA.GOOGLE.INTERNAL./computeMetadata/v1",
                    "egress refused: metadata.google.internal is a cloud metadata address"}));

class EgressOnlyStepTest : public EgressFixture {};

TEST_F(EgressOnlyStepTest, ARefusalIsNeverTheClientsError) {
  startWithFirstStepAt("http://169.254.169.254/v1", {"metadata"});
  HttpResult r = chat("mode/smart", false);
  EXPECT_GE(r.status, 500) << "the operator's URL, not the client's request: " << r.body;
  EXPECT_EQ(r.header("x-manifold-attempts"), "1") << "a refused URL is not retried";
  EXPECT_EQ(fake_.requests("ok"), 0);
  // Nor does it open the step's breaker: a fourth request still tries it.
  for (int i = 0; i < 3; ++i) chat("mode/smart", false);
  EXPECT_EQ(chat("mode/smart", false).header("x-manifold-attempts"), "1");
}

TEST_F(EgressOnlyStepTest, LoopbackIsRefusedUnlessAllowed) {
  // The fixture allows 127.0.0.1 on the fake's port only. Another loopback
  // port is refused; the fake reached by the name localhost is allowed,
  // because the name resolves to the allowed address and port.
  const uint16_t otherPort = fake_.port() == 65535 ? 65534 : fake_.port() + 1;
  config::EngineConfig other = engine("other");
  other.baseUrl = "http://127.0.0.1:" + std::to_string(otherPort) + "/other/v1";
  config::EngineConfig named = engine("named");
  named.baseUrl = "http://localhost:" + std::to_string(fake_.port()) + "/named/v1";
  start({other, named}, {mode("smart", {"other", "named"})});
  HttpResult r = chat("mode/smart", true);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "named");
  const std::vector<std::string> rows = attemptRows("engine_id, outcome, reason");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], "other:failed:egress refused: 127.0.0.1 is a loopback address");
  EXPECT_EQ(rows[1].rfind("named:answered", 0), 0u) << rows[1];
}

}  // namespace
}  // namespace manifold::test
