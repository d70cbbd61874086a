#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <vector>

#include "store/LossReport.h"

namespace manifold::store {
namespace {

class Lines : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override { lines.push_back(message.getText()); }
  std::vector<std::string> lines;
};

class LossReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lines_ = new Lines;
    Poco::Logger::get("usage").setChannel(lines_);
  }
  void TearDown() override { Poco::Logger::get("usage").setChannel(nullptr); }
  Poco::AutoPtr<Lines> lines_;
};

TEST_F(LossReportTest, TheFirstLossIsLoggedAtOnceThenAtMostOnceAMinute) {
  LossReport report;
  const LossReport::Clock::time_point t0{};
  using std::chrono::seconds;
  report.lost(3, "database is locked", t0 + seconds(1000));
  ASSERT_EQ(lines_->lines.size(), 1u);
  EXPECT_NE(lines_->lines[0].find("3 not written"), std::string::npos) << lines_->lines[0];
  EXPECT_NE(lines_->lines[0].find("database is locked"), std::string::npos);

  for (int i = 1; i <= 50; ++i) report.lost(2, "database is locked", t0 + seconds(1000 + i));
  report.tick(t0 + seconds(1059));
  EXPECT_EQ(lines_->lines.size(), 1u) << "not once per loss";
  EXPECT_EQ(report.total(), 103u);

  report.tick(t0 + seconds(1060));  // a minute on: what was held back, in one line
  ASSERT_EQ(lines_->lines.size(), 2u);
  EXPECT_NE(lines_->lines[1].find("100 not written (103 in all"), std::string::npos)
      << lines_->lines[1];
  report.tick(t0 + seconds(2000));
  EXPECT_EQ(lines_->lines.size(), 2u) << "nothing new, nothing said";
}

}  // namespace
}  // namespace manifold::store
