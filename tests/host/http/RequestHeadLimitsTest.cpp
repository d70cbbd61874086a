// Oversized request heads: too many fields, a field or a whole head too large
// (431), a request target too long (414). Each answer carries the gateway's
// JSON error body, and a head just inside each limit is served.
#include <gtest/gtest.h>

#include <Poco/String.h>

#include "support/OpenAiAssertions.h"
#include "support/RawHttp.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

// A GET of `target` with `fields` header fields in all (Host among them).
std::string head(const std::string& target, int fields, const std::string& extra = "") {
  std::string out = "GET " + target + " HTTP/1.1\r\nHost: x\r\n";
  for (int i = 1; i < fields; ++i) out += "X-Field-" + std::to_string(i) + ": v\r\n";
  return out + extra + "\r\n";
}

std::string field(const std::string& name, size_t valueBytes) {
  return name + ": " + std::string(valueBytes, 'a') + "\r\n";
}

class RequestHeadLimitsTest : public ::testing::Test {
 protected:
  void start(config::GatewayConfig c) {
    gateway_ = std::make_unique<TestGateway>(c, std::vector<std::string>{demoPlugin()});
  }
  void SetUp() override { start(demoConfig("", "")); }

  RawExchange send(const std::string& bytes) { return sendRaw(gateway_->server().port(), bytes); }

  // The refusal: its status, the JSON error with its code, and a closed connection.
  static void expectRefused(const RawExchange& r, int status, const std::string& code) {
    expectOpenAiError(r.first, status, "");
    EXPECT_EQ(parseObject(r.first.body)->getValue<std::string>("type"), "error");
    EXPECT_EQ(parseObject(r.first.body)->getObject("error")->getValue<std::string>("code"), code);
    EXPECT_EQ(Poco::toLower(r.first.header("connection")), "close");
    EXPECT_EQ(r.first.header("content-type"), "application/json");
    EXPECT_TRUE(r.closed);
  }

  std::unique_ptr<TestGateway> gateway_;
};

TEST_F(RequestHeadLimitsTest, MoreThanAHundredFieldsIs431) {
  expectRefused(send(head("/healthz", 101)), 431, "header_fields_too_large");
  expectRefused(send(head("/healthz", 150)), 431, "header_fields_too_large");
}

TEST_F(RequestHeadLimitsTest, AHundredFieldsAreServed) {
  const RawExchange r = send(head("/healthz", 100, ""));
  EXPECT_EQ(r.first.status, 200) << r.received.substr(0, 200);
}

TEST_F(RequestHeadLimitsTest, ATwentyKilobyteFieldIs431) {
  expectRefused(send(head("/healthz", 2, field("X-Big", 20 * 1024))), 431,
                "header_fields_too_large");
}

TEST_F(RequestHeadLimitsTest, AnEightKilobyteFieldIsServed) {
  const RawExchange r = send(head("/healthz", 2, field("X-Big", 8000)));
  EXPECT_EQ(r.first.status, 200) << r.received.substr(0, 200);
}

TEST_F(RequestHeadLimitsTest, AWholeHeadOverSixteenKilobytesIs431) {
  const std::string fields = field("X-A", 6000) + field("X-B", 6000) + field("X-C", 6000);
  expectRefused(send(head("/healthz", 1, fields)), 431, "header_fields_too_large");
  const RawExchange r = send(head("/healthz", 1, field("X-A", 6000) + field("X-B", 6000)));
  EXPECT_EQ(r.first.status, 200) << r.received.substr(0, 200);
}

TEST_F(RequestHeadLimitsTest, ATenKilobyteTargetIs414) {
  expectRefused(send(head("/healthz?pad=" + std::string(10 * 1024, 'a'), 1)), 414, "uri_too_long");
}

TEST_F(RequestHeadLimitsTest, ATargetJustUnderEightKilobytesIsServed) {
  const std::string target = "/healthz?pad=" + std::string(8192 - 13, 'a');
  ASSERT_EQ(target.size(), 8192u);
  const RawExchange r = send(head(target, 1));
  EXPECT_EQ(r.first.status, 200) << r.received.substr(0, 200);
  expectRefused(send(head(target + "a", 1)), 414, "uri_too_long");
}

TEST_F(RequestHeadLimitsTest, TheLimitsAreConfigurable) {
  config::GatewayConfig c = demoConfig("", "");
  c.server.maxHeaderFields = 20;
  c.server.maxHeaderBytes = 2048;
  c.server.maxUriBytes = 100;
  gateway_.reset();
  start(c);
  EXPECT_EQ(send(head("/healthz", 20)).first.status, 200);
  expectRefused(send(head("/healthz", 21)), 431, "header_fields_too_large");
  EXPECT_EQ(send(head("/healthz", 2, field("X-Big", 1900))).first.status, 200);
  expectRefused(send(head("/healthz", 2, field("X-Big", 2048))), 431, "header_fields_too_large");
  EXPECT_EQ(send(head("/healthz?" + std::string(91, 'a'), 1)).first.status, 200);
  expectRefused(send(head("/healthz?" + std::string(92, 'a'), 1)), 414, "uri_too_long");
}

TEST_F(RequestHeadLimitsTest, TheGatewayServesOnAfterARefusal) {
  expectRefused(send(head("/healthz", 101)), 431, "header_fields_too_large");
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200);
}

}  // namespace
}  // namespace manifold::test
