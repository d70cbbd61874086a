#include <gtest/gtest.h>

#include "usage/EngineWindows.h"

namespace manifold::usage {
namespace {

constexpr int64_t kNow = 1'800'000'000'000;
constexpr int64_t kMinute = 60'000;

store::AttemptSample sample(const std::string& engine, const std::string& outcome, int64_t ago,
                            int64_t latency, int64_t ttft, std::optional<double> cost = 0.0) {
  store::AttemptSample a;
  a.engineId = engine;
  a.outcome = outcome;
  a.atMs = kNow - ago;
  a.latencyMs = latency;
  a.ttftMs = ttft;
  a.billed = outcome == "answered";
  a.costUsd = a.billed ? cost : std::nullopt;
  return a;
}

TEST(EngineWindowsTest, PercentilesAreNearestRankOverAnsweredAttempts) {
  std::vector<store::AttemptSample> all;
  for (int i = 1; i <= 100; ++i) all.push_back(sample("e", "answered", kMinute, i * 10, i));
  all.push_back(sample("e", "failed", kMinute, 99999, -1));  // not an answer's latency
  const auto w = summarizeAttempts(all, kNow).at("e").hour;
  EXPECT_EQ(w.requests, 101);
  EXPECT_EQ(w.errors, 1);
  EXPECT_NEAR(w.errorRate(), 1.0 / 101, 1e-12);
  EXPECT_EQ(*w.latencyP50Ms, 500);
  EXPECT_EQ(*w.latencyP95Ms, 950);
  EXPECT_EQ(*w.ttftP50Ms, 50);
  EXPECT_EQ(*w.ttftP95Ms, 95);
}

TEST(EngineWindowsTest, TheHourIsPartOfTheDayAndOlderAttemptsAreLeftOut) {
  const std::vector<store::AttemptSample> all = {
      sample("e", "answered", 5 * kMinute, 100, 10),
      sample("e", "failed", 2 * 60 * kMinute, 300, -1),
      sample("e", "answered", 25 * 60 * kMinute, 900, 90),  // over a day ago
  };
  const EngineWindows w = summarizeAttempts(all, kNow).at("e");
  EXPECT_EQ(w.hour.requests, 1);
  EXPECT_EQ(w.hour.errors, 0);
  EXPECT_EQ(w.day.requests, 2);
  EXPECT_EQ(w.day.errors, 1);
  EXPECT_EQ(*w.day.latencyP95Ms, 100);
}

TEST(EngineWindowsTest, CostSplitsPaidFreeAndUnknown) {
  const std::vector<store::AttemptSample> all = {
      sample("e", "answered", kMinute, 1, 1, 0.25), sample("e", "answered", kMinute, 1, 1, 0.5),
      sample("e", "answered", kMinute, 1, 1, 0.0),
      sample("e", "answered", kMinute, 1, 1, std::nullopt), sample("e", "failed", kMinute, 1, -1)};
  const WindowStats w = summarizeAttempts(all, kNow).at("e").day;
  EXPECT_DOUBLE_EQ(w.costUsd, 0.75);
  EXPECT_EQ(w.paidRequests, 2);
  EXPECT_EQ(w.freeRequests, 1);
  EXPECT_EQ(w.unknownCostRequests, 1);
}

TEST(EngineWindowsTest, AnEngineWithNoAnswerHasNoPercentiles) {
  const auto w = summarizeAttempts({sample("e", "failed", kMinute, 5, -1)}, kNow).at("e").hour;
  EXPECT_FALSE(w.latencyP50Ms);
  EXPECT_FALSE(w.ttftP95Ms);
  EXPECT_EQ(w.errorRate(), 1.0);
}

}  // namespace
}  // namespace manifold::usage
