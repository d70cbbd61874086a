// The metrics registry on its own: the exposition's text, histogram buckets,
// escaping, what the observer counts, and exact counts under concurrency.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "Promtool.h"
#include "metrics/MetricsObserver.h"
#include "metrics/MetricsRegistry.h"
#include "metrics/StateGauges.h"
#include "metrics/TextFormat.h"

namespace manifold {
namespace {

using metrics::CounterFamily;
using metrics::HistogramFamily;
using metrics::MetricsRegistry;

bool contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

TEST(MetricsTextTest, LabelValuesEscapeBackslashQuoteAndNewline) {
  CounterFamily family("manifold_test_total", "A test.\nSecond line with \\.", {"engine"});
  family.add({"a\"b\\c\nd"}, 3);
  std::string out;
  family.render(out);
  EXPECT_EQ(out,
            "# HELP manifold_test_total A test.\\nSecond line with \\\\.\n"
            "# TYPE manifold_test_total counter\n"
            "manifold_test_total{engine=\"a\\\"b\\\\c\\nd\"} 3\n");
}

TEST(MetricsTextTest, NumbersReadBackExactlyAndSpecialValuesUsePrometheusSpelling) {
  EXPECT_EQ(metrics::TextFormat::number(0.1), "0.1");
  EXPECT_EQ(metrics::TextFormat::number(3), "3");
  EXPECT_EQ(metrics::TextFormat::number(1e-6), "1e-06");
  EXPECT_EQ(metrics::TextFormat::number(1.0 / 0.0), "+Inf");
  EXPECT_EQ(metrics::TextFormat::number(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(metrics::TextFormat::number(0.0 / 0.0), "NaN");
}

TEST(MetricsTextTest, HistogramBucketsAreCumulativeAndCountIsTheInfBucket) {
  HistogramFamily h("manifold_test_seconds", "Test.", {"engine"}, {0.05, 0.1, 1});
  h.observe({"e"}, 0.03);
  h.observe({"e"}, 0.1);  // on a bound: counted in that bucket (le is "less or equal")
  h.observe({"e"}, 100);
  std::string out;
  h.render(out);
  EXPECT_TRUE(contains(out, "manifold_test_seconds_bucket{engine=\"e\",le=\"0.05\"} 1\n")) << out;
  EXPECT_TRUE(contains(out, "manifold_test_seconds_bucket{engine=\"e\",le=\"0.1\"} 2\n")) << out;
  EXPECT_TRUE(contains(out, "manifold_test_seconds_bucket{engine=\"e\",le=\"1\"} 2\n")) << out;
  EXPECT_TRUE(contains(out, "manifold_test_seconds_bucket{engine=\"e\",le=\"+Inf\"} 3\n")) << out;
  EXPECT_TRUE(contains(out, "manifold_test_seconds_sum{engine=\"e\"} 100.13\n")) << out;
  EXPECT_TRUE(contains(out, "manifold_test_seconds_count{engine=\"e\"} 3\n")) << out;
}

TEST(MetricsTextTest, CostAddsFractionsAndIgnoresNegativeAndNaN) {
  MetricsRegistry registry;
  registry.costRecorded("e", "input", 0.25);
  registry.costRecorded("e", "input", 0.5);
  registry.costRecorded("e", "input", -1);
  registry.costRecorded("e", "input", 0.0 / 0.0);
  EXPECT_DOUBLE_EQ(registry.cost().value({"e", "input"}), 0.75);
}

TEST(MetricsObserverTest, CountsAttemptsTimesAndTokensOfBilledAnswersOnly) {
  MetricsRegistry registry;
  metrics::MetricsObserver observer(registry);
  turn::AttemptReport skipped;
  skipped.engineId = "a";
  skipped.outcome = "skipped";
  observer.attempt(skipped);
  turn::AttemptReport failed;
  failed.engineId = "a";
  failed.outcome = "failed";
  failed.latencyMs = 40;
  failed.promptTokens = 99;  // not billed: never counted
  failed.usageKnown = true;
  observer.attempt(failed);
  turn::AttemptReport answered;
  answered.engineId = "b";
  answered.outcome = "answered";
  answered.latencyMs = 900;
  answered.ttftMs = 120;
  answered.billed = true;
  answered.usageKnown = true;
  answered.promptTokens = 7;
  answered.completionTokens = 2;
  answered.cachedTokens = 4;
  observer.attempt(answered);
  turn::TurnReport turn;
  turn.api = "openai";
  turn.mode = "smart";
  turn.status = 200;
  turn.latencyMs = 950;
  observer.finished(turn);

  EXPECT_EQ(registry.attempts().value({"a", "skipped"}), 1);
  EXPECT_EQ(registry.attempts().value({"a", "failed"}), 1);
  EXPECT_EQ(registry.attempts().value({"b", "answered"}), 1);
  EXPECT_EQ(registry.attemptDuration().count({"a", "skipped"}), 0u) << "a skip reached no upstream";
  EXPECT_EQ(registry.attemptDuration().count({"a", "failed"}), 1u);
  EXPECT_EQ(registry.timeToFirstToken().count({"a"}), 0u);
  EXPECT_EQ(registry.timeToFirstToken().count({"b"}), 1u);
  EXPECT_EQ(registry.tokens().value({"a", "prompt"}), 0);
  EXPECT_EQ(registry.tokens().value({"b", "prompt"}), 7);
  EXPECT_EQ(registry.tokens().value({"b", "completion"}), 2);
  EXPECT_EQ(registry.tokens().value({"b", "cached"}), 4);
  EXPECT_EQ(registry.requests().value({"openai", "smart", "200"}), 1);
  EXPECT_EQ(registry.requestDuration().count({"openai"}), 1u);
}

TEST(MetricsObserverTest, ConcurrentUpdatesLoseNothing) {
  MetricsRegistry registry;
  metrics::MetricsObserver observer(registry);
  constexpr int kThreads = 8, kEach = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      turn::AttemptReport r;
      r.engineId = "engine-" + std::to_string(t % 3);  // series made while others update
      r.outcome = "answered";
      r.ttftMs = 10;
      for (int i = 0; i < kEach; ++i) {
        observer.attempt(r);
        registry.limitRejected(t % 2 ? "rpm" : "budget");
      }
    });
  for (std::thread& t : threads) t.join();
  double attempts = 0;
  uint64_t firstTokens = 0;
  for (int e = 0; e < 3; ++e) {
    attempts += registry.attempts().value({"engine-" + std::to_string(e), "answered"});
    firstTokens += registry.timeToFirstToken().count({"engine-" + std::to_string(e)});
  }
  EXPECT_EQ(attempts, kThreads * kEach);
  EXPECT_EQ(firstTokens, static_cast<uint64_t>(kThreads * kEach));
  EXPECT_EQ(
      registry.limitRejections().value({"rpm"}) + registry.limitRejections().value({"budget"}),
      kThreads * kEach);
}

TEST(MetricsExpositionTest, PromtoolAcceptsAWholeRegistryWithAwkwardLabelValues) {
  MetricsRegistry registry;
  metrics::MetricsObserver observer(registry);
  turn::AttemptReport r;
  r.engineId = "weird \"engine\"\\ with\nnewline and ünïcode";
  r.outcome = "answered";
  r.latencyMs = 1234;
  r.ttftMs = 56;
  r.billed = r.usageKnown = true;
  r.promptTokens = 10;
  observer.attempt(r);
  turn::TurnReport t;
  t.api = "anthropic";
  t.status = 429;
  observer.finished(t);
  registry.costRecorded(r.engineId, "output", 0.000123);
  registry.costUnknown("free-engine");
  registry.usageRecordsLost(2);
  registry.configReloadApplied();
  std::string out;
  registry.render(out);
  failover::CircuitBreakers::Status open;
  open.key = {"a", 1};
  open.state = "open";
  open.consecutiveFailures = 3;
  metrics::StateGauges::renderBreakers(out, {open});
  metrics::StateGauges::renderPlugins(out, 2, 1, 5);
  EXPECT_TRUE(contains(out, "manifold_breaker_state{engine=\"a\",key=\"2\",state=\"open\"} 1\n"));
  EXPECT_TRUE(contains(out, "manifold_breaker_state{engine=\"a\",key=\"2\",state=\"closed\"} 0\n"));

  const test::PromtoolVerdict verdict = test::promtoolCheck(out);
  ASSERT_TRUE(verdict.found) << "promtool is missing: install Debian's prometheus "
                                "(packaging/install-deps.sh --test)";
  EXPECT_EQ(verdict.exitCode, 0) << verdict.output << "\n" << out;
}

}  // namespace
}  // namespace manifold
