// The memory section and a mode's suggestions, as the config file states them.
#include <gtest/gtest.h>

#include "config/ConfigLoader.h"
#include "support/TempDir.h"

namespace manifold::config {
namespace {

class MemoryConfigTest : public ::testing::Test {
 protected:
  ConfigLoadResult load(const std::string& memory, const std::string& smartExtra) {
    return ConfigLoader::loadText(R"({"plugins": {"directory": ")" + plugins_.str() + R"("}, )" +
                                  memory +
                                  R"("engines": [{"id": "e", "provider": "demo", "model": "m"}],
        "modes": {"smart": {"chain": ["e"])" +
                                  smartExtra + R"(}, "cheap": {"chain": ["e"]}}})");
  }
  static std::string problemsOf(const ConfigLoadResult& r) {
    std::string all;
    for (const auto& p : r.problems) all += p.path + ": " + p.message + "\n";
    return all;
  }
  test::TempDir plugins_;
};

TEST_F(MemoryConfigTest, DefaultsRememberWithRulesAndNoExtractorOrSuggestions) {
  const ConfigLoadResult r = load("", "");
  ASSERT_TRUE(r.config) << problemsOf(r);
  EXPECT_TRUE(r.config->memory.enabled);
  EXPECT_EQ(r.config->memory.budgetChars, 2000);
  EXPECT_TRUE(r.config->memory.rules);
  EXPECT_EQ(r.config->memory.extractorMode, "");
  EXPECT_FALSE(r.config->modes[0].suggestions);
}

TEST_F(MemoryConfigTest, EverySettingIsRead) {
  const ConfigLoadResult r =
      load(R"("memory": {"enabled": false, "budget_chars": 500, "rules": false,
                         "extractor_mode": "cheap", "extractor_timeout_ms": 900}, )",
           R"(, "suggestions": {"mode": "cheap", "timeout_ms": 1200})");
  ASSERT_TRUE(r.config) << problemsOf(r);
  const MemoryConfig& m = r.config->memory;
  EXPECT_FALSE(m.enabled);
  EXPECT_EQ(m.budgetChars, 500);
  EXPECT_FALSE(m.rules);
  EXPECT_EQ(m.extractorMode, "cheap");
  EXPECT_EQ(m.extractorTimeoutMs, 900);
  ASSERT_TRUE(r.config->modes[0].suggestions);
  EXPECT_EQ(r.config->modes[0].suggestions->mode, "cheap");
  EXPECT_EQ(r.config->modes[0].suggestions->timeoutMs, 1200);
}

TEST_F(MemoryConfigTest, AnUnknownModeOrFieldIsNamed) {
  ConfigLoadResult r = load(R"("memory": {"extractor_mode": "nope"}, )", "");
  EXPECT_NE(problemsOf(r).find("$.memory.extractor_mode: unknown mode \"nope\""), std::string::npos)
      << problemsOf(r);
  r = load("", R"(, "suggestions": {"mode": "nope"})");
  EXPECT_NE(problemsOf(r).find("$.modes.smart.suggestions.mode: unknown mode \"nope\""),
            std::string::npos)
      << problemsOf(r);
  r = load(R"("memory": {"budget": 5}, )", "");
  EXPECT_FALSE(r.config);
  EXPECT_NE(problemsOf(r).find("$.memory"), std::string::npos) << problemsOf(r);
}

}  // namespace
}  // namespace manifold::config
