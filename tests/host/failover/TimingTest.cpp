// Connection and timing failures: refused and reset upstreams, silent ones,
// slow first tokens, the chain deadline, and clients that leave.
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include "FailoverFixture.h"

namespace manifold::test {
namespace {

class TimingTest : public FailoverFixture {
 protected:
  config::ModeConfig quickMode(std::vector<std::string> chain) {
    config::ModeConfig m = mode("smart", std::move(chain));
    m.headerTimeoutMs = 300;
    m.firstTokenTimeoutMs = 300;
    return m;
  }
};

TEST_F(TimingTest, RefusedConnectionFailsOver) {
  uint16_t closedPort;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    closedPort = probe.address().port();
  }
  config::EngineConfig dead = engine("dead");
  dead.baseUrl = "http://127.0.0.1:" + std::to_string(closedPort) + "/v1";
  extraEgressAllow_ = {"127.0.0.1:" + std::to_string(closedPort)};
  start({dead, engine("b")}, {mode("smart", {"dead", "b"})});
  HttpResult r = chat("mode/smart", true);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "b");
}

TEST_F(TimingTest, ResetBeforeHeadersFailsOver) {
  start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
  FakeBehaviour reset;
  reset.resetBeforeHeaders = true;
  fake_.script("a", {reset});
  HttpResult r = chat("mode/smart", false);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "b");
}

TEST_F(TimingTest, SilentUpstreamHitsTheHeaderTimeoutAndIsNotRetried) {
  start({engine("a")}, {quickMode({"a"})});
  FakeBehaviour silent;
  silent.headerDelayMs = 5000;
  fake_.script("a", {silent});
  HttpResult r = chat("mode/smart", false);
  expectOpenAiError(r, 503, "no response head within");
  EXPECT_EQ(fake_.requests("a"), 1) << "a silent route is not retried on the same engine";
}

TEST_F(TimingTest, SilentUpstreamFailsOverToTheNextStep) {
  start({engine("a"), engine("b")}, {quickMode({"a", "b"})});
  FakeBehaviour silent;
  silent.headerDelayMs = 5000;
  fake_.script("a", {silent});
  HttpResult r = chat("mode/smart", true);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "b");
}

TEST_F(TimingTest, SlowFirstTokenIsCancelledAndFailsOver) {
  start({engine("a"), engine("b")}, {quickMode({"a", "b"})});
  FakeBehaviour slow;
  slow.firstTokenDelayMs = 5000;
  fake_.script("a", {slow});
  HttpResult r = chat("mode/smart", true);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "b");
  EXPECT_TRUE(fake_.waitAbandoned("a", 1, std::chrono::seconds(3)))
      << "the slow attempt's upstream request is cancelled";
}

TEST_F(TimingTest, ChainDeadlineBoundsTheWholeWalk) {
  config::ModeConfig m = mode("smart", {"a", "b", "c"});
  m.headerTimeoutMs = 400;
  m.deadlineMs = 600;
  start({engine("a"), engine("b"), engine("c")}, {m});
  FakeBehaviour silent;
  silent.headerDelayMs = 5000;
  for (const char* route : {"a", "b", "c"}) fake_.script(route, {silent});
  HttpResult r = chat("mode/smart", false);
  expectOpenAiError(r, 503, "deadline of 600 ms passed");
  EXPECT_EQ(fake_.requests("c"), 0);
}

// Sends a streaming chat request on a raw socket the test can hang up.
Poco::Net::StreamSocket sendStreamingChat(uint16_t port) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  const std::string body = chatBody("mode/smart", true);
  const std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  socket.sendBytes(request.data(), static_cast<int>(request.size()));
  return socket;
}

// Reads the response head and first bytes, then hangs up.
void leaveAfterFirstBytes(uint16_t port) {
  Poco::Net::StreamSocket socket = sendStreamingChat(port);
  char buffer[512];
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  socket.receiveBytes(buffer, sizeof(buffer));
  socket.close();
}

TEST_F(TimingTest, ClientDisconnectMidStreamCancelsTheUpstream) {
  start({engine("a")}, {mode("smart", {"a"})});
  FakeBehaviour longStream;
  longStream.tokens = std::vector<std::string>(100, "tok ");
  longStream.tokenDelayMs = 50;
  fake_.script("a", {longStream});
  leaveAfterFirstBytes(gateway_->server().port());
  EXPECT_TRUE(fake_.waitAbandoned("a", 1, std::chrono::seconds(3)));
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200);
}

TEST_F(TimingTest, ClientDisconnectBeforeTheFirstTokenCancelsTheUpstream) {
  start({engine("a")}, {mode("smart", {"a"})});
  FakeBehaviour slow;
  slow.firstTokenDelayMs = 10000;
  fake_.script("a", {slow});
  {
    Poco::Net::StreamSocket socket = sendStreamingChat(gateway_->server().port());
    ASSERT_TRUE(eventually([&] { return fake_.requests("a") == 1; }));
  }
  const auto left = std::chrono::steady_clock::now();
  EXPECT_TRUE(fake_.waitAbandoned("a", 1, std::chrono::seconds(3)));
  // Reported, never asserted: how long the upstream outlived its client.
  RecordProperty("upstream_cancelled_after_us",
                 static_cast<int>(std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::steady_clock::now() - left)
                                      .count()));
  gateway_->server().flushAttempts();
  EXPECT_TRUE(eventually([&] {
    const std::vector<std::string> rows = attemptRows("engine_id, outcome");
    return !rows.empty() && rows.back() == "a:cancelled";
  }));
}

}  // namespace
}  // namespace manifold::test
