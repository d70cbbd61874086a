// One route decision per request, made in the route stage and reported once:
// in the response headers, in the native auto_routed event, and in one log line.
#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <mutex>

#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"

namespace manifold::test {
namespace {

class LineCounter : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(message.getText());
  }
  int count(const std::string& a, const std::string& b) {
    std::lock_guard<std::mutex> lock(mutex_);
    int n = 0;
    for (const std::string& line : lines_)
      if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) ++n;
    return n;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

class RouteReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    counter_ = new LineCounter;
    for (const char* name : {"turn", "chat", "router", "failover"}) {
      Poco::Logger::get(name).setChannel(counter_);
      Poco::Logger::get(name).setLevel("information");
    }
  }
  void TearDown() override {
    for (const char* name : {"turn", "chat", "router", "failover"})
      Poco::Logger::get(name).setChannel(nullptr);
  }

  int routeLogLines(const std::string& requestId) { return counter_->count(requestId, "routed"); }

  TestGateway gateway_;
  Poco::AutoPtr<LineCounter> counter_;
};

TEST_F(RouteReportTest, TheNativeApiReportsTheDecisionOnceInHeadersEventAndLog) {
  const HttpResult r = gateway_.client().post(
      "/api/chat",
      R"J({"messages":[{"role":"user","content":"Fix this Python stack trace: Traceback (most recent call last)"}]})J",
      {{"x-request-id", "route-native-1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  int autoRouted = 0;
  std::string rule;
  for (const SseEvent& e : sseEvents(r.body)) {
    if (e.name != "auto_routed") continue;
    ++autoRouted;
    rule = parseObject(e.data)->getValue<std::string>("rule");
  }
  EXPECT_EQ(autoRouted, 1);
  EXPECT_FALSE(rule.empty());
  EXPECT_EQ(r.header("x-manifold-route-rule"), rule);
  EXPECT_EQ(routeLogLines("route-native-1"), 1);
}

TEST_F(RouteReportTest, EveryApiReportsTheDecisionOnceEvenWhenTheModelNamesTheRoute) {
  const HttpResult named = gateway_.client().post(
      "/v1/chat/completions", chatBody("mode/smart", false), {{"x-request-id", "route-named-1"}});
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.header("x-manifold-route-rule"), "model:mode");
  EXPECT_EQ(named.header("x-manifold-mode"), "smart");
  EXPECT_EQ(routeLogLines("route-named-1"), 1);

  const HttpResult autoRouted = gateway_.client().post(
      "/v1/messages",
      R"({"model":"auto","max_tokens":20,"messages":[{"role":"user","content":"hello there"}]})",
      {{"x-request-id", "route-auto-1"}});
  ASSERT_EQ(autoRouted.status, 200) << autoRouted.body;
  EXPECT_FALSE(autoRouted.header("x-manifold-route-rule").empty());
  EXPECT_EQ(routeLogLines("route-auto-1"), 1);
}

TEST_F(RouteReportTest, ARefusedTurnStillNamesItsRoute) {
  const HttpResult r = gateway_.client().post("/v1/chat/completions", chatBody("demo-flaky", false),
                                              {{"x-request-id", "route-fail-1"}});
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.header("x-manifold-route-rule"), "model:engine");
  EXPECT_EQ(r.header("x-manifold-attempts"), "3") << "a last step gets its two retries";
  EXPECT_EQ(routeLogLines("route-fail-1"), 1);
}

}  // namespace
}  // namespace manifold::test
