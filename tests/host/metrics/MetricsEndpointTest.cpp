// GET /metrics on a real gateway after real traffic: a plain answer, a
// failover, a refused request and two config reloads, checked line by line
// and by Prometheus's own validator.
#include <gtest/gtest.h>

#include <fstream>

#include "Promtool.h"
#include "app/ConfigReloader.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"

namespace manifold {
namespace {

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

std::string chatBody(const std::string& model) {
  return R"({"model":")" + model + R"(","messages":[{"role":"user","content":"hello"}]})";
}

TEST(MetricsEndpointTest, LiveExpositionAfterTrafficPassesPromtool) {
  test::TestGateway gateway;
  test::HttpTestClient client = gateway.client();

  ASSERT_EQ(client.post("/v1/chat/completions", chatBody("mode/fast")).status, 200);
  // smart walks demo-flaky (always 503) first: a failover to demo.
  const test::HttpResult failover = client.post("/v1/chat/completions", chatBody("mode/smart"));
  ASSERT_EQ(failover.status, 200) << failover.body;
  ASSERT_EQ(failover.header("x-manifold-engine"), "demo");
  const test::HttpResult refused = client.post("/v1/chat/completions", chatBody("mode/no-such"));
  ASSERT_GE(refused.status, 400) << refused.body;
  ASSERT_LT(refused.status, 500) << refused.body;

  // One reload that goes in, one that is refused.
  gateway.server().reload(gateway.server().snapshot()->config);
  test::TempDir dir;
  std::ofstream(dir / "manifold.json") << "{ not json";
  app::ConfigReloader reloader((dir / "manifold.json").string(), gateway.server(), nullptr);
  std::ofstream(dir / "manifold.json") << "{ still not json }";
  EXPECT_FALSE(reloader.reloadIfChanged());

  // A turn reports its end just after its answer's last byte: wait for it.
  const std::string refusedLine = "manifold_requests_total{api=\"openai\",mode=\"\",status=\"" +
                                  std::to_string(refused.status) + "\"} 1\n";
  test::HttpResult scrape;
  EXPECT_TRUE(test::eventually([&] {
    scrape = client.get("/metrics");
    return contains(scrape.body, refusedLine) &&
           contains(scrape.body,
                    "manifold_requests_total{api=\"openai\",mode=\"smart\",status=\"200\"} 1\n");
  })) << scrape.body;
  ASSERT_EQ(scrape.status, 200);
  EXPECT_EQ(scrape.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& m = scrape.body;

  EXPECT_TRUE(
      contains(m, "manifold_requests_total{api=\"openai\",mode=\"fast\",status=\"200\"} 1\n"))
      << m;
  EXPECT_TRUE(contains(m, "manifold_attempts_total{engine=\"demo-flaky\",outcome=\"failed\"} 1\n"))
      << m;
  EXPECT_TRUE(contains(m, "manifold_attempts_total{engine=\"demo\",outcome=\"answered\"} 2\n"))
      << m;
  EXPECT_TRUE(contains(m, "manifold_time_to_first_token_seconds_count{engine=\"demo\"} 2\n")) << m;
  EXPECT_TRUE(contains(
      m, "manifold_attempt_duration_seconds_count{engine=\"demo-flaky\",outcome=\"failed\"} 1\n"))
      << m;
  EXPECT_TRUE(contains(m, "manifold_request_duration_seconds_count{api=\"openai\"} 3\n")) << m;
  EXPECT_TRUE(contains(m, "manifold_tokens_total{engine=\"demo\",kind=\"completion\"}")) << m;
  // One failure of three leaves demo-flaky's breaker closed, counting.
  EXPECT_TRUE(
      contains(m, "manifold_breaker_state{engine=\"demo-flaky\",key=\"1\",state=\"closed\"} 1\n"))
      << m;
  EXPECT_TRUE(
      contains(m, "manifold_breaker_consecutive_failures{engine=\"demo-flaky\",key=\"1\"} 1\n"))
      << m;
  EXPECT_TRUE(contains(m, "manifold_config_reloads_total{result=\"applied\"} 1\n")) << m;
  EXPECT_TRUE(contains(m, "manifold_config_reloads_total{result=\"refused\"} 1\n")) << m;
  EXPECT_TRUE(contains(m, "manifold_limit_rejections_total{kind=\"rpm\"} 0\n")) << m;
  EXPECT_TRUE(contains(m, "manifold_plugins_loaded 1\n")) << m;
  EXPECT_TRUE(contains(m, "manifold_plugin_set_changes_total 1\n")) << m;

  const test::PromtoolVerdict verdict = test::promtoolCheck(m);
  ASSERT_TRUE(verdict.found) << "promtool is missing: install Debian's prometheus "
                                "(packaging/install-deps.sh --test)";
  EXPECT_EQ(verdict.exitCode, 0) << verdict.output << "\n" << m;
}

TEST(MetricsEndpointTest, LimitRejectionsCountedThroughTheGatewayMetricsInterface) {
  test::TestGateway gateway;
  metrics::GatewayMetrics& counted = gateway.server().metrics();
  counted.limitRejected("tpm");
  counted.limitRejected("tpm");
  counted.limitRejected("budget");
  const std::string m = gateway.client().get("/metrics").body;
  EXPECT_TRUE(contains(m, "manifold_limit_rejections_total{kind=\"tpm\"} 2\n")) << m;
  EXPECT_TRUE(contains(m, "manifold_limit_rejections_total{kind=\"budget\"} 1\n")) << m;
}

TEST(MetricsEndpointTest, OnlyGetAndHead) {
  test::TestGateway gateway;
  const test::HttpResult posted = gateway.client().post("/metrics", "");
  EXPECT_EQ(posted.status, 405);
  EXPECT_EQ(posted.header("allow"), "GET");
}

}  // namespace
}  // namespace manifold
