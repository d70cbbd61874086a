#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>

#include "support/TempDir.h"
#include "usage/PriceBook.h"

namespace manifold::usage {
namespace {

class Lines : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ += message.getText() + "\n";
  }
  std::string text() {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 private:
  std::mutex mutex_;
  std::string text_;
};

class PriceBookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lines_ = new Lines;
    Poco::Logger::get("usage").setChannel(lines_);
    Poco::Logger::get("usage").setLevel("information");
    config_.usage.pricesFile = (dir_ / "prices.json").string();
    config::EngineConfig a;
    a.id = "a";
    a.provider = "openai-compatible";
    a.model = "m-a";
    a.optionsJson = R"({"preset":"groq"})";
    config::EngineConfig b = a;
    b.id = "b";
    b.model = "m-b";
    config_.engines = {a, b};
  }
  void TearDown() override { Poco::Logger::get("usage").setChannel(nullptr); }

  void writePrices(const std::string& text) { std::ofstream(config_.usage.pricesFile) << text; }

  test::TempDir dir_;
  config::GatewayConfig config_;
  Poco::AutoPtr<Lines> lines_;
};

TEST_F(PriceBookTest, EnginesGetTheirModelsPriceAndAMissingModelIsUnknown) {
  writePrices(R"({"models":{"groq/m-a":{"input":1,"output":2}}})");
  PriceBook book(config_);
  EXPECT_EQ(book.forEngine("a").model, "groq/m-a");
  ASSERT_TRUE(book.forEngine("a").price);
  EXPECT_EQ(book.forEngine("a").price->output, 2.0);
  EXPECT_EQ(book.forEngine("b").model, "groq/m-b");
  EXPECT_FALSE(book.forEngine("b").price);
  EXPECT_NE(lines_->text().find("no price for b (groq/m-b)"), std::string::npos) << lines_->text();
  EXPECT_FALSE(book.forEngine("gone").price);
}

TEST_F(PriceBookTest, AMissingFileLeavesEveryCostUnknownWithAWarning) {
  PriceBook book(config_);
  EXPECT_EQ(book.models(), 0u);
  EXPECT_FALSE(book.forEngine("a").price);
  EXPECT_NE(lines_->text().find("cannot read price table"), std::string::npos);
  config::GatewayConfig unset = config_;
  unset.usage.pricesFile.clear();
  PriceBook none(unset);
  EXPECT_NE(lines_->text().find("usage.prices_file is not set"), std::string::npos);
}

TEST_F(PriceBookTest, AnInvalidFileAtStartIsRefusedLikeABadConfig) {
  writePrices(R"({"models":{"groq/m-a":{"input":"cheap","output":2}}})");
  try {
    PriceBook book(config_);
    FAIL() << "an invalid price table was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("$.models[\"groq/m-a\"].input"), std::string::npos)
        << e.what();
  }
}

TEST_F(PriceBookTest, AReloadReadsTheFileAgainAndABrokenOneKeepsTheTableInForce) {
  writePrices(R"({"models":{"groq/m-a":{"input":1,"output":2}}})");
  PriceBook book(config_);
  writePrices(
      R"({"models":{"groq/m-a":{"input":1,"output":5},"groq/m-b":{"input":0,"output":0}}})");
  book.reload(config_);
  EXPECT_EQ(book.forEngine("a").price->output, 5.0);
  ASSERT_TRUE(book.forEngine("b").price);

  writePrices(R"({"models":)");
  book.reload(config_);
  EXPECT_NE(lines_->text().find("the price table in force is kept"), std::string::npos);
  EXPECT_EQ(book.forEngine("a").price->output, 5.0);

  // The engines follow the new config even when the table stays.
  config::GatewayConfig renamed = config_;
  renamed.engines[0].id = "a2";
  book.reload(renamed);
  EXPECT_EQ(book.forEngine("a2").price->output, 5.0);
  EXPECT_FALSE(book.forEngine("a").price);
}

}  // namespace
}  // namespace manifold::usage
