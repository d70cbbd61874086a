#include <gtest/gtest.h>

#include <stdlib.h>

#include "engines/EngineCatalog.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::engines {
namespace {

class EngineCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("MANIFOLD_TEST_POOL", "key-one", 1);
    ::setenv("MANIFOLD_TEST_POOL_2", "key-two", 1);
    ::unsetenv("MANIFOLD_TEST_POOL_3");
    ::setenv("MANIFOLD_TEST_POOL_4", "after-a-gap", 1);
    ::unsetenv("MANIFOLD_TEST_ABSENT");
    test::installFile(test::demoPlugin(), folder_ / "demo.so");
    plugins_ = std::make_unique<plugins::PluginManager>(
        std::make_unique<plugins::PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                                plugins::HostServiceDeps{}),
        50);
    plugins_->scan(false);
    config_ = test::demoConfig(folder_.str(), "unused.db");
    config_.engines[0].keyEnv = "MANIFOLD_TEST_ABSENT";  // demo-flaky
    config_.engines[1].keyEnv = "MANIFOLD_TEST_POOL";    // demo
  }

  test::TempDir folder_;
  std::unique_ptr<plugins::PluginManager> plugins_;
  config::GatewayConfig config_;
};

TEST_F(EngineCatalogTest, KeyPoolRunsUpToTheFirstGap) {
  EXPECT_EQ(EngineCatalog::keyPool("MANIFOLD_TEST_POOL"),
            (std::vector<std::string>{"key-one", "key-two"}));
  EXPECT_TRUE(EngineCatalog::keyPool("MANIFOLD_TEST_ABSENT").empty());
}

TEST_F(EngineCatalogTest, AnEngineWithoutAKeyIsSkippedWithTheReason) {
  EngineCatalog catalog(config_, *plugins_);
  EngineUnavailable why;
  EXPECT_FALSE(catalog.resolve("demo-flaky", why));
  EXPECT_EQ(why.reason, "no key in MANIFOLD_TEST_ABSENT");
  auto resolved = catalog.resolve("demo", why);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->apiKey, "key-one");
  EXPECT_FALSE(catalog.hasKey(*catalog.engine("demo-flaky")));
}

TEST_F(EngineCatalogTest, RoutesByModeEngineIdOrKeyword) {
  EngineCatalog catalog(config_, *plugins_);
  std::string mode;
  EXPECT_EQ(catalog.routeFor("mode/smart", mode), (std::vector<std::string>{"demo-flaky", "demo"}));
  EXPECT_EQ(mode, "smart");
  EXPECT_EQ(catalog.routeFor("demo", mode), (std::vector<std::string>{"demo"}));
  EXPECT_EQ(mode, "");
  EXPECT_EQ(catalog.routeFor("llama-3.1-8b", mode), (std::vector<std::string>{"demo"}));
  EXPECT_EQ(mode, "fast");
  catalog.routeFor("claude-sonnet", mode);
  EXPECT_EQ(mode, "smart");
  EXPECT_TRUE(catalog.routeFor("mode/nonexistent", mode).empty());
}

}  // namespace
}  // namespace manifold::engines
