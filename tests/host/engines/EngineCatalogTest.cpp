#include <gtest/gtest.h>

#include <stdlib.h>

#include <fstream>

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

TEST_F(EngineCatalogTest, KeysComeFromAFileOneALine) {
  test::TempDir secrets;
  std::ofstream(secrets / "pool") << "# rotated 2026-12\nfile-one\n\n  file-two  \n";
  config_.engines[1].keyEnv.clear();
  config_.engines[1].keyFile = (secrets / "pool").string();
  EngineCatalog catalog(config_, *plugins_);
  EXPECT_EQ(catalog.keyCount(*catalog.engine("demo")), 2);
  EngineUnavailable why;
  auto second = catalog.resolve("demo", why, 1);
  ASSERT_TRUE(second) << why.reason;
  EXPECT_EQ(second->apiKey, "file-two");
}

TEST_F(EngineCatalogTest, KeysComeFromAFolderOneAFileInNameOrder) {
  test::TempDir secrets;
  std::ofstream(secrets / "b-key") << "second\n";
  std::ofstream(secrets / "a-key") << "first\n";
  std::ofstream(secrets / ".hidden") << "never\n";
  std::string problem;
  EXPECT_EQ(EngineCatalog::keyFilePool(secrets.str(), problem),
            (std::vector<std::string>{"first", "second"}));
}

TEST_F(EngineCatalogTest, AMissingKeyFileLeavesTheEngineWithoutKeys) {
  config_.engines[1].keyEnv.clear();
  config_.engines[1].keyFile = "/nonexistent/secret";
  std::string problem;
  EXPECT_TRUE(EngineCatalog::keyFilePool(config_.engines[1].keyFile, problem).empty());
  EXPECT_NE(problem.find("cannot read key file"), std::string::npos);
  EngineCatalog catalog(config_, *plugins_);
  EngineUnavailable why;
  EXPECT_FALSE(catalog.resolve("demo", why));
  EXPECT_EQ(why.reason, "no key in file /nonexistent/secret");
}

}  // namespace
}  // namespace manifold::engines
