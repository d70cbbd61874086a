#include <gtest/gtest.h>

#include "usage/AttemptCost.h"

namespace manifold::usage {
namespace {

turn::AttemptReport billed(int64_t prompt, int64_t completion, int64_t cached = 0,
                           int64_t cacheWrite = 0) {
  turn::AttemptReport r;
  r.outcome = "answered";
  r.billed = true;
  r.usageKnown = true;
  r.promptTokens = prompt;
  r.completionTokens = completion;
  r.cachedTokens = cached;
  r.cacheWriteTokens = cacheWrite;
  return r;
}

const ModelPrice kSonnet{3.0, 15.0, 0.30, 3.75};

TEST(AttemptCostTest, PromptAndCompletionAtTheirRates) {
  const std::optional<double> cost = attemptCost(billed(1'000'000, 100'000), &kSonnet);
  ASSERT_TRUE(cost);
  EXPECT_DOUBLE_EQ(*cost, 3.0 + 1.5);
}

TEST(AttemptCostTest, CachedTokensAreBilledAtTheCachedRateNotTwice) {
  // 10k prompt tokens, of which 8k read from the cache and 1k written to it:
  // 1k uncached at 3.00, 8k at 0.30, 1k at 3.75, 500 out at 15.00.
  const std::optional<double> cost = attemptCost(billed(10'000, 500, 8'000, 1'000), &kSonnet);
  ASSERT_TRUE(cost);
  EXPECT_NEAR(*cost, (1'000 * 3.0 + 8'000 * 0.30 + 1'000 * 3.75 + 500 * 15.0) / 1e6, 1e-12);
  const std::optional<double> uncached = attemptCost(billed(10'000, 500), &kSonnet);
  EXPECT_LT(*cost, *uncached);
}

TEST(AttemptCostTest, CountsThatDoNotAddUpNeverGoNegative) {
  const std::optional<double> cost = attemptCost(billed(100, 0, 150, 0), &kSonnet);
  ASSERT_TRUE(cost);
  EXPECT_NEAR(*cost, 150 * 0.30 / 1e6, 1e-15);
}

TEST(AttemptCostTest, AModelWithNoPriceIsUnknownNotZero) {
  EXPECT_FALSE(attemptCost(billed(1000, 1000), nullptr).has_value());
}

TEST(AttemptCostTest, AFreeTierCostsZeroAndIsKnown) {
  const ModelPrice free{};
  const std::optional<double> cost = attemptCost(billed(1000, 1000, 10), &free);
  ASSERT_TRUE(cost);
  EXPECT_EQ(*cost, 0.0);
}

TEST(AttemptCostTest, NoUsageReportedIsUnknown) {
  turn::AttemptReport r = billed(0, 0);
  r.usageKnown = false;
  EXPECT_FALSE(attemptCost(r, &kSonnet).has_value());
}

TEST(AttemptCostTest, AnAttemptNotBilledHasNoCost) {
  turn::AttemptReport r = billed(1000, 1000);
  r.outcome = "failed";
  r.billed = false;
  EXPECT_FALSE(attemptCost(r, &kSonnet).has_value());
}

}  // namespace
}  // namespace manifold::usage
