#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/ConfigLoader.h"
#include "support/TempDir.h"
#include "support/TestPaths.h"
#include "usage/PriceTable.h"

namespace manifold::usage {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string joined(const std::vector<std::string>& problems) {
  std::string all;
  for (const std::string& p : problems) all += p + "\n";
  return all;
}

TEST(PriceTableTest, ReadsRatesAndDefaultsCacheRatesToTheInputRate) {
  std::vector<std::string> problems;
  const std::optional<PriceTable> table =
      PriceTable::parse(R"({"models":{"openai/gpt-4.1":{"input":2,"output":8,"cached_read":0.5},)"
                        R"("groq/llama":{"input":0,"output":0}}})",
                        problems);
  ASSERT_TRUE(table) << joined(problems);
  const ModelPrice* gpt = table->find("openai/gpt-4.1");
  ASSERT_NE(gpt, nullptr);
  EXPECT_EQ(gpt->input, 2.0);
  EXPECT_EQ(gpt->output, 8.0);
  EXPECT_EQ(gpt->cachedRead, 0.5);
  EXPECT_EQ(gpt->cacheWrite, 2.0);
  EXPECT_EQ(table->find("groq/llama")->output, 0.0);
  EXPECT_EQ(table->find("openai/gpt-5"), nullptr);
}

TEST(PriceTableTest, AnInvalidFileIsRefusedWithEveryProblemAndItsPath) {
  std::vector<std::string> problems;
  EXPECT_FALSE(PriceTable::parse(
      R"({"models":{"a/b":{"input":-1,"output":1},"c/d":{"input":1},"nokey":{"input":1,"output":1}}})",
      problems));
  const std::string all = joined(problems);
  EXPECT_NE(all.find("$.models[\"a/b\"].input"), std::string::npos) << all;
  EXPECT_NE(all.find("$.models[\"c/d\"]"), std::string::npos) << all;
  EXPECT_NE(all.find("nokey"), std::string::npos) << all;
  problems.clear();
  EXPECT_FALSE(PriceTable::parse("{not json", problems));
  EXPECT_NE(joined(problems).find("not valid JSON"), std::string::npos);
}

TEST(PriceTableTest, TheKeyIsThePresetOrElseTheProviderThenTheModel) {
  config::EngineConfig groq;
  groq.provider = "openai-compatible";
  groq.model = "openai/gpt-oss-120b";
  groq.optionsJson = R"({"preset":"groq"})";
  EXPECT_EQ(PriceTable::keyOf(groq), "groq/openai/gpt-oss-120b");
  config::EngineConfig claude;
  claude.provider = "anthropic";
  claude.model = "claude-haiku-4-5";
  claude.optionsJson = R"({"max_tokens":8192})";
  EXPECT_EQ(PriceTable::keyOf(claude), "anthropic/claude-haiku-4-5");
}

// The shipped price table prices every model of the shipped catalogue, and
// prices 0 exactly the engines the catalogue marks free; the shipped config
// names it.
TEST(PriceTableTest, TheShippedTablePricesEveryShippedEngine) {
  std::vector<std::string> problems;
  const std::optional<PriceTable> table = PriceTable::parse(
      readFile(std::string(MANIFOLD_SOURCE_DIR) + "/packaging/config/prices.json"), problems);
  ASSERT_TRUE(table) << joined(problems);

  // The shipped plugin folder is a build output: point it at one that exists.
  test::TempDir folder;
  Poco::JSON::Object::Ptr root =
      Poco::JSON::Parser()
          .parse(readFile(std::string(MANIFOLD_SOURCE_DIR) + "/packaging/config/manifold.json"))
          .extract<Poco::JSON::Object::Ptr>();
  root->getObject("plugins")->set("directory", folder.path().string());
  std::ostringstream rewritten;
  root->stringify(rewritten);
  const config::ConfigLoadResult shipped = config::ConfigLoader::loadText(rewritten.str());
  ASSERT_TRUE(shipped.config) << shipped.problems.at(0).path << ": "
                              << shipped.problems.at(0).message;
  EXPECT_EQ(shipped.config->usage.pricesFile, "packaging/config/prices.json");
  ASSERT_GT(shipped.config->engines.size(), 30u);
  for (const config::EngineConfig& e : shipped.config->engines) {
    const ModelPrice* price = table->find(PriceTable::keyOf(e));
    ASSERT_NE(price, nullptr) << e.id << " (" << PriceTable::keyOf(e) << ") has no price";
    const bool free = price->input == 0 && price->output == 0;
    EXPECT_EQ(free, e.costBand == "free") << e.id;
  }
}

}  // namespace
}  // namespace manifold::usage
