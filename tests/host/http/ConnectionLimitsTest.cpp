// Limits Poco's HTTP server does not enforce itself: absolute head and body
// deadlines for slow clients, and the body cap before any byte is read.
#include <gtest/gtest.h>

#include <Poco/Net/StreamSocket.h>

#include <thread>

#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

class ConnectionLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config::GatewayConfig c = demoConfig("", "");
    c.server.headerTimeoutMs = 300;
    c.server.bodyTimeoutMs = 300;
    c.server.maxBodyBytes = 64 * 1024;
    gateway_ = std::make_unique<TestGateway>(c, std::vector<std::string>{demoPlugin()});
  }

  Poco::Net::StreamSocket connect() {
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", gateway_->server().port()));
    s.setReceiveTimeout(Poco::Timespan(5, 0));
    return s;
  }

  // Trickles bytes far slower than any per-read timeout notices, until the
  // gateway closes the connection; returns whether it did.
  static bool trickleUntilClosed(Poco::Net::StreamSocket& s, const std::string& bytes) {
    for (char c : bytes) {
      try {
        s.sendBytes(&c, 1);
      } catch (const Poco::Exception&) {
        return true;
      }
      Poco::Timespan wait(0, 100000);
      if (s.poll(wait, Poco::Net::Socket::SELECT_READ)) {
        char reply[256];
        try {
          if (s.receiveBytes(reply, sizeof(reply)) <= 0) return true;
        } catch (const Poco::Exception&) {
          return true;
        }
      }
    }
    return false;
  }

  std::unique_ptr<TestGateway> gateway_;
};

TEST_F(ConnectionLimitsTest, SlowHeadMeetsAnAbsoluteDeadline) {
  Poco::Net::StreamSocket s = connect();
  EXPECT_TRUE(trickleUntilClosed(
      s,
      "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + std::string(200, 'a')));
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200);
}

TEST_F(ConnectionLimitsTest, SlowBodyMeetsAnAbsoluteDeadline) {
  Poco::Net::StreamSocket s = connect();
  const std::string body = chatBody("fast", false);
  const std::string head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n";
  s.sendBytes(head.data(), static_cast<int>(head.size()));
  EXPECT_TRUE(trickleUntilClosed(s, body));
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200);
}

TEST_F(ConnectionLimitsTest, OversizedBodyIsRefusedBeforeItIsRead) {
  Poco::Net::StreamSocket s = connect();
  const std::string head =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n";
  s.sendBytes(head.data(), static_cast<int>(head.size()));
  char reply[1024];
  const int n = s.receiveBytes(reply, sizeof(reply));
  ASSERT_GT(n, 0);
  const std::string text(reply, static_cast<size_t>(n));
  EXPECT_EQ(text.rfind("HTTP/1.1 413", 0), 0u) << text;
  EXPECT_NE(text.find("body_too_large"), std::string::npos);
}

}  // namespace
}  // namespace manifold::test
