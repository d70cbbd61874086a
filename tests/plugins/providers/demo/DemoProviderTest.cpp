// The demo provider, loaded exactly as the gateway loads it.
#include <gtest/gtest.h>

#include "chat/ProviderCall.h"
#include "plugins/AbiStrings.h"
#include "support/LoadedProvider.h"
#include "support/TestPaths.h"
#include "upstream/HttpExchange.h"

namespace manifold {
namespace {

class NoNetwork : public upstream::HttpExchange {
 public:
  upstream::TransportFailure send(const upstream::OutboundRequest&,
                                  const upstream::ResponseHandler&) override {
    return {upstream::TransportFailure::Kind::Forbidden, "the demo must not use the network"};
  }
};

class DemoProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_.provider = demo_.instance();
    ASSERT_NE(engine_.provider, nullptr) << demo_.problem();
    config_.id = "demo-test";
    config_.model = "demo-1";
    config_.optionsJson = R"({"token_delay_ms":0})";
    engine_.config = &config_;
  }

  chat::AttemptResult run(const std::string& fault, std::vector<chat::CanonicalEvent>& events,
                          int stopAfter = -1) {
    const std::string request =
        R"({"model":"demo","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello demo"}])" +
        (fault.empty() ? std::string() : R"(,"metadata":{"demo_fault":")" + fault + "\"}") + "}";
    NoNetwork network;
    chat::ProviderCall call(network);
    return call.run(engine_, request, chat::AttemptLimits::uniform(std::chrono::seconds(10)),
                    nullptr, [&](const chat::CanonicalEvent& e) {
                      events.push_back(e);
                      return stopAfter < 0 || static_cast<int>(events.size()) < stopAfter;
                    });
  }

  test::LoadedProvider demo_{test::demoPlugin(), "demo"};
  config::EngineConfig config_;
  engines::ResolvedEngine engine_;
};

std::string textOf(const std::vector<chat::CanonicalEvent>& events) {
  std::string text;
  for (const auto& e : events)
    if (e.type == chat::CanonicalEvent::Type::TextDelta) text += e.text;
  return text;
}

TEST_F(DemoProviderTest, AnswersDeterministicallyWithUsageAndFinish) {
  std::vector<chat::CanonicalEvent> first, second;
  ASSERT_TRUE(run("", first).ok);
  ASSERT_TRUE(run("", second).ok);
  EXPECT_EQ(textOf(first), textOf(second));
  EXPECT_NE(
      textOf(first).find("Demo engine demo-test (demo-1, plugin 1.0.0) heard: \"hello demo\""),
      std::string::npos);
  ASSERT_GE(first.size(), 3u);
  EXPECT_EQ(first.back().type, chat::CanonicalEvent::Type::Finish);
  EXPECT_EQ(first.back().finishReason, MF_FINISH_STOP);
  const chat::CanonicalEvent& usage = first[first.size() - 2];
  EXPECT_EQ(usage.type, chat::CanonicalEvent::Type::Usage);
  EXPECT_EQ(usage.promptTokens, 6);  // "be brief" + "hello demo": 2 words + 1 each
  EXPECT_EQ(usage.completionTokens, static_cast<int64_t>(first.size() - 2));
}

TEST_F(DemoProviderTest, StatusFaultIsClassifiedLikeAnUpstreamError) {
  std::vector<chat::CanonicalEvent> events;
  chat::AttemptResult r = run("status:503", events);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(r.error.retryable, 1);
  EXPECT_EQ(r.error.upstream_status, 503);

  r = run("status:429:2500", events);
  EXPECT_EQ(r.error.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(r.error.retry_after_ms, 2500);

  r = run("status:400", events);
  EXPECT_EQ(r.error.code, MF_ERR_INVALID);
  EXPECT_EQ(r.error.retryable, 0);
}

TEST_F(DemoProviderTest, CutFaultFailsAfterExactlyNTokens) {
  std::vector<chat::CanonicalEvent> events;
  chat::AttemptResult r = run("cut:3", events);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(events.size(), 3u);
  EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(r.error.retryable, 1);
}

TEST_F(DemoProviderTest, StallSendsNoContentAndStopsWhenTheHostSaysSo) {
  std::vector<chat::CanonicalEvent> events;
  const auto start = std::chrono::steady_clock::now();
  chat::AttemptResult r = run("stall:60000", events, /*stopAfter=*/3);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_CANCELLED);
  for (const auto& e : events) EXPECT_FALSE(e.isContent());
}

TEST_F(DemoProviderTest, MalformedFaultIsAnInvalidRequest) {
  std::vector<chat::CanonicalEvent> events;
  chat::AttemptResult r = run("explode", events);
  EXPECT_EQ(r.error.code, MF_ERR_INVALID);
  r = run("status:abc", events);
  EXPECT_EQ(r.error.code, MF_ERR_INVALID);
}

}  // namespace
}  // namespace manifold
