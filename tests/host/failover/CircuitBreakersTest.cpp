// The breaker's state machine on its own, on a clock the test controls.
#include <gtest/gtest.h>

#include "failover/CircuitBreakers.h"

namespace manifold::failover {
namespace {

using std::chrono::milliseconds;
using Verdict = Admission::Verdict;

class CircuitBreakersTest : public ::testing::Test {
 protected:
  config::BreakerConfig config() {
    config::BreakerConfig c;
    c.failureThreshold = 2;
    c.cooldownMs = 1000;
    return c;
  }
  CircuitBreakers breakers_{config()};
  const BreakerKey key_{"engine", 0};
  const Clock::time_point t0_ = Clock::now();
};

TEST_F(CircuitBreakersTest, OpensAfterTheThresholdOfConsecutiveFailures) {
  EXPECT_EQ(breakers_.admit(key_, t0_).verdict, Verdict::Go);
  breakers_.failed(key_, t0_);
  EXPECT_EQ(breakers_.admit(key_, t0_).verdict, Verdict::Go);
  breakers_.succeeded(key_);  // a success resets the count
  breakers_.failed(key_, t0_);
  EXPECT_EQ(breakers_.admit(key_, t0_).verdict, Verdict::Go);
  breakers_.failed(key_, t0_);
  const Admission open = breakers_.admit(key_, t0_ + milliseconds(10));
  EXPECT_EQ(open.verdict, Verdict::Skip);
  EXPECT_NE(open.reason.find("circuit open"), std::string::npos);
  EXPECT_TRUE(breakers_.admit(BreakerKey{"engine", 1}, t0_).usable()) << "keys are independent";
}

TEST_F(CircuitBreakersTest, HalfOpenAdmitsOneProbeThatClosesOrReopens) {
  breakers_.failed(key_, t0_);
  breakers_.failed(key_, t0_);
  const Clock::time_point later = t0_ + milliseconds(1001);
  EXPECT_EQ(breakers_.admit(key_, later).verdict, Verdict::Probe);
  EXPECT_EQ(breakers_.admit(key_, later).verdict, Verdict::Skip) << "one probe at a time";
  breakers_.failed(key_, later);
  EXPECT_EQ(breakers_.admit(key_, later + milliseconds(999)).verdict, Verdict::Skip)
      << "a failed probe reopens for a full cooldown";
  const Clock::time_point again = later + milliseconds(1001);
  EXPECT_EQ(breakers_.admit(key_, again).verdict, Verdict::Probe);
  breakers_.succeeded(key_);
  EXPECT_EQ(breakers_.admit(key_, again).verdict, Verdict::Go);
}

TEST_F(CircuitBreakersTest, ReleasedProbeFreesTheSlotWithoutAVerdict) {
  breakers_.failed(key_, t0_);
  breakers_.failed(key_, t0_);
  const Clock::time_point later = t0_ + milliseconds(1001);
  EXPECT_EQ(breakers_.admit(key_, later).verdict, Verdict::Probe);
  breakers_.released(key_);
  EXPECT_EQ(breakers_.admit(key_, later).verdict, Verdict::Probe);
}

TEST_F(CircuitBreakersTest, CooldownSkipsUntilItsTimeWithoutCountingAFailure) {
  breakers_.coolDown(key_, t0_ + milliseconds(500), "rate limited");
  const Admission cooling = breakers_.admit(key_, t0_);
  EXPECT_EQ(cooling.verdict, Verdict::Skip);
  EXPECT_NE(cooling.reason.find("rate limited"), std::string::npos);
  EXPECT_EQ(breakers_.admit(key_, t0_ + milliseconds(500)).verdict, Verdict::Go);
  const auto status = breakers_.snapshot(t0_);
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].state, "cooling");
  EXPECT_EQ(status[0].consecutiveFailures, 0);
}

}  // namespace
}  // namespace manifold::failover
