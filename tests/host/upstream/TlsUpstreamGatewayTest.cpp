// A whole gateway in front of a TLS upstream: egress.ca_file decides whether
// the upstream's certificate is trusted, and an untrusted one is a failed
// step the chain moves past, never an answer.
#include <gtest/gtest.h>

#include "FakeProvider.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

std::string tlsFixture(const std::string& name) {
  return std::string(MANIFOLD_SOURCE_DIR) + "/tests/fixtures/tls/" + name;
}

class TlsUpstreamGatewayTest : public ::testing::Test {
 protected:
  static FakeProvider::Options tls() {
    FakeProvider::Options o;
    o.tls = true;
    o.certFile = tlsFixture("server.pem");
    o.keyFile = tlsFixture("server.key");
    return o;
  }

  void start(const std::string& caFile) {
    config::GatewayConfig c = demoConfig("", "");
    c.egress.caFile = caFile;
    c.egress.allow = {"localhost:" + std::to_string(fake_.port())};
    config::EngineConfig secure;
    secure.id = "secure";
    secure.provider = "openai-compatible";
    secure.model = "m";
    secure.baseUrl = fake_.baseUrl("ok", "localhost");
    c.engines.push_back(secure);
    c.modes = {config::ModeConfig{"smart", {"secure", "demo"}}};
    gateway_ = std::make_unique<TestGateway>(
        c, std::vector<std::string>{demoPlugin(), pluginOutputDir() + "/openai-compatible.so"});
  }

  FakeProvider fake_{tls()};
  std::unique_ptr<TestGateway> gateway_;
};

TEST_F(TlsUpstreamGatewayTest, ConfiguredCaIsTrusted) {
  start(tlsFixture("ca.pem"));
  HttpResult r = gateway_->client().post("/v1/chat/completions", chatBody("mode/smart", false));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "secure");
  EXPECT_EQ(fake_.requests("ok"), 1);
}

TEST_F(TlsUpstreamGatewayTest, UnknownCaIsRefusedAndTheChainMovesOn) {
  start(tlsFixture("other-ca.pem"));
  HttpResult r = gateway_->client().post("/v1/chat/completions", chatBody("mode/smart", false));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "demo");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  EXPECT_EQ(fake_.requests("ok"), 0) << "no request crosses an unverified connection";
}

}  // namespace
}  // namespace manifold::test
