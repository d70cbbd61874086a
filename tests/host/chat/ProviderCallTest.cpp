// The host's translator path: build the request, send it through the real
// HTTP client to a loopback fake, feed the bytes back, classify errors.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include "chat/ProviderCall.h"
#include "plugins/AbiStrings.h"
#include "support/LoadedProvider.h"
#include "support/TestPaths.h"
#include "upstream/PooledHttpExchange.h"

namespace manifold::chat {
namespace {

// /limited answers 429 with Retry-After: 7; /stream answers an SSE-like body;
// /think splits think tags across lines; /think-unfinished ends inside a
// span and without [DONE].
class FakeUpstream : public Poco::Net::HTTPRequestHandlerFactory {
  class Handler : public Poco::Net::HTTPRequestHandler {
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
      request.stream().ignore(std::numeric_limits<std::streamsize>::max());
      if (request.getURI() == "/limited") {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS);
        response.set("Retry-After", "7");
        response.send() << "{\"error\":\"slow down\"}";
        return;
      }
      response.setChunkedTransferEncoding(true);
      if (request.getURI() == "/think")
        response.send() << "data: <thi\ndata: nk>plan</th\ndata: ink>Answer <thi\ndata: [DONE]\n";
      else if (request.getURI() == "/think-unfinished")
        response.send() << "data: <think>plan</th\n";
      else
        response.send() << "data: one\n\ndata: two\n\ndata: [DONE]\n\n";
    }
  };

 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler;
  }
};

upstream::ProxySettings noProxy() {
  return upstream::ProxySettings("", "", "");
}

// Loopback is refused by default; the test server's port is the exception.
config::EgressConfig allowLoopback(uint16_t port) {
  config::EgressConfig egress;
  egress.allow = {"127.0.0.1:" + std::to_string(port)};
  return egress;
}

class ProviderCallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<Poco::Net::HTTPServer>(
        new FakeUpstream, Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)),
        new Poco::Net::HTTPServerParams);
    server_->start();
    engine_.provider = probe_.instance();
    ASSERT_NE(engine_.provider, nullptr) << probe_.problem();
    engine_.config = &config_;
  }
  void TearDown() override { server_->stopAll(true); }

  AttemptResult call(const std::string& path, std::string& text) {
    config_.baseUrl = "http://127.0.0.1:" + std::to_string(server_->port()) + path;
    upstream::PooledHttpExchange http(allowLoopback(server_->port()), noProxy());
    return ProviderCall(http).run(engine_, "{}", AttemptLimits::uniform(std::chrono::seconds(10)),
                                  nullptr, [&](const CanonicalEvent& e) {
                                    if (e.type == CanonicalEvent::Type::TextDelta)
                                      text += e.text + "|";
                                    return true;
                                  });
  }

  test::LoadedProvider probe_{test::testPlugin("translator_probe"), "test.translator-probe"};
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  config::EngineConfig config_;
  engines::ResolvedEngine engine_;
};

TEST_F(ProviderCallTest, StreamsUpstreamBytesThroughTheAdapter) {
  std::string text;
  AttemptResult r = call("/stream", text);
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(text, "one|two|");
}

// Every event of an attempt, in order: T:text, R:reasoning, F (finish), or the type.
std::string eventLog(ProviderCall& call, const engines::ResolvedEngine& engine) {
  std::string log;
  AttemptResult r = call.run(engine, "{}", AttemptLimits::uniform(std::chrono::seconds(10)),
                             nullptr, [&](const CanonicalEvent& e) {
                               using Type = CanonicalEvent::Type;
                               if (e.type == Type::TextDelta)
                                 log += "T:" + e.text + "|";
                               else if (e.type == Type::ReasoningDelta)
                                 log += "R:" + e.text + "|";
                               else if (e.type == Type::Finish)
                                 log += "F|";
                               else
                                 log += "?|";
                               return true;
                             });
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  return log;
}

TEST_F(ProviderCallTest, ThinkTagsSplitAcrossDeltasBecomeReasoning) {
  config_.baseUrl = "http://127.0.0.1:" + std::to_string(server_->port()) + "/think";
  upstream::PooledHttpExchange http(allowLoopback(server_->port()), noProxy());
  ProviderCall call(http);
  EXPECT_EQ(eventLog(call, engine_), "R:plan|T:Answer |T:<thi|F|")
      << "a possible tag is held back, and released before the finish";
}

TEST_F(ProviderCallTest, AnAttemptEndingWithoutAFinishReleasesWhatWasHeld) {
  config_.baseUrl = "http://127.0.0.1:" + std::to_string(server_->port()) + "/think-unfinished";
  upstream::PooledHttpExchange http(allowLoopback(server_->port()), noProxy());
  ProviderCall call(http);
  EXPECT_EQ(eventLog(call, engine_), "R:plan|R:</th|");
  EXPECT_EQ(eventLog(call, engine_), "R:plan|R:</th|") << "each attempt starts outside a span";
}

TEST_F(ProviderCallTest, ErrorClassificationSeesTheUpstreamHeaders) {
  std::string text;
  AttemptResult r = call("/limited", text);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(r.error.upstream_status, 429);
  EXPECT_EQ(r.error.retry_after_ms, 7000);
  EXPECT_TRUE(text.empty());
}

TEST_F(ProviderCallTest, RefusedConnectionIsRetryableUnavailable) {
  uint16_t closedPort;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    closedPort = probe.address().port();
  }
  config_.baseUrl = "http://127.0.0.1:" + std::to_string(closedPort) + "/x";
  upstream::PooledHttpExchange http(allowLoopback(closedPort), noProxy());
  AttemptResult r =
      ProviderCall(http).run(engine_, "{}", AttemptLimits::uniform(std::chrono::seconds(10)),
                             nullptr, [](const CanonicalEvent&) { return true; });
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(r.error.retryable, 1);
}

TEST_F(ProviderCallTest, EgressPolicyRefusalIsNotTheClientsError) {
  config_.baseUrl = "http://127.0.0.1:" + std::to_string(server_->port()) + "/stream";
  config::EgressConfig egress;
  egress.allowedHosts = {"api.example.com"};
  upstream::PooledHttpExchange http(egress, noProxy());
  AttemptResult r =
      ProviderCall(http).run(engine_, "{}", AttemptLimits::uniform(std::chrono::seconds(10)),
                             nullptr, [](const CanonicalEvent&) { return true; });
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
  EXPECT_NE(plugins::errorMessage(r.error).find(
                "egress refused: host \"127.0.0.1\" is not in egress.allowed_hosts"),
            std::string::npos);
}

}  // namespace
}  // namespace manifold::chat
