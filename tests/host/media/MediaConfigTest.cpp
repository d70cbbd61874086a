// The "media" config section: its chains must name declared engines, its
// limits come with defaults.
#include <gtest/gtest.h>

#include "config/ConfigLoader.h"
#include "support/TempDir.h"

namespace manifold::config {
namespace {

std::string configWith(const test::TempDir& plugins, const std::string& media) {
  return R"({"plugins": {"directory": ")" + plugins.str() + R"("},
  "engines": [{"id": "flux", "provider": "openai-compatible", "model": "m"}],
  "modes": {"smart": {"chain": ["flux"]}})" +
         (media.empty() ? "" : R"(, "media": )" + media) + "}";
}

TEST(MediaConfigTest, ChainsAndLimitsAreRead) {
  test::TempDir plugins;
  const ConfigLoadResult r = ConfigLoader::loadText(configWith(
      plugins, R"({"image_chain": ["flux"], "image_url_ttl_s": 60, "max_upload_bytes": 2048})"));
  ASSERT_TRUE(r.config) << (r.problems.empty() ? "" : r.problems[0].message);
  EXPECT_EQ(r.config->media.imageChain, std::vector<std::string>{"flux"});
  EXPECT_EQ(r.config->media.imageUrlTtlS, 60);
  EXPECT_EQ(r.config->media.maxUploadBytes, 2048);
  EXPECT_TRUE(r.config->media.speechChain.empty());
}

TEST(MediaConfigTest, DefaultsHoldWithoutTheSection) {
  test::TempDir plugins;
  const ConfigLoadResult r = ConfigLoader::loadText(configWith(plugins, ""));
  ASSERT_TRUE(r.config);
  EXPECT_TRUE(r.config->media.imageChain.empty());
  EXPECT_EQ(r.config->media.imageUrlTtlS, 3600);
  EXPECT_EQ(r.config->media.maxUploadBytes, 25 * 1024 * 1024);
}

TEST(MediaConfigTest, AnUnknownEngineOrABadFieldIsNamed) {
  test::TempDir plugins;
  ConfigLoadResult r =
      ConfigLoader::loadText(configWith(plugins, R"({"speech_chain": ["flux", "nope"]})"));
  ASSERT_FALSE(r.config);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].path, "$.media.speech_chain[1]");
  EXPECT_EQ(r.problems[0].message, "unknown engine \"nope\"");

  r = ConfigLoader::loadText(configWith(plugins, R"({"image_url_ttl_s": 0})"));
  ASSERT_FALSE(r.config);
  EXPECT_NE(r.problems[0].path.find("image_url_ttl_s"), std::string::npos) << r.problems[0].path;
}

}  // namespace
}  // namespace manifold::config
