// export.max_input_bytes: read from the config file, range-checked by the
// schema, and applied by a running gateway.
#include <gtest/gtest.h>

#include "config/ConfigLoader.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

using config::ConfigLoader;
using config::ConfigLoadResult;

TEST(ExportConfigTest, MaxInputBytesIsReadAndRangeChecked) {
  TempDir plugins;
  const auto text = [&](const std::string& exportSection) {
    return R"({"plugins":{"directory":")" + plugins.str() + R"("},)" + exportSection +
           R"("engines":[{"id":"d","provider":"demo","model":"m"}],"modes":{"smart":{"chain":["d"]}}})";
  };
  const ConfigLoadResult defaults = ConfigLoader::loadText(text(""));
  ASSERT_TRUE(defaults.config);
  EXPECT_EQ(defaults.config->exports.maxInputBytes, 2 * 1024 * 1024);
  const ConfigLoadResult set =
      ConfigLoader::loadText(text(R"("export":{"max_input_bytes":4096},)"));
  ASSERT_TRUE(set.config);
  EXPECT_EQ(set.config->exports.maxInputBytes, 4096);
  for (const char* bad :
       {R"("export":{"max_input_bytes":10},)", R"("export":{"max_bytes":4096},)"}) {
    const ConfigLoadResult refused = ConfigLoader::loadText(text(bad));
    EXPECT_FALSE(refused.config) << bad;
    ASSERT_FALSE(refused.problems.empty()) << bad;
    EXPECT_NE(refused.problems.front().path.find("export"), std::string::npos)
        << refused.problems.front().path;
  }
}

TEST(ExportConfigTest, TheGatewayAppliesTheConfiguredCap) {
  config::GatewayConfig config = demoConfig("", "");  // TestGateway sets its own folders
  config.exports.maxInputBytes = 4096;
  TestGateway gateway(config, {demoPlugin()});
  const auto exportOf = [&](size_t contentBytes) {
    return gateway.client().post("/v1/export/xlsx", R"({"messages":[{"role":"user","content":")" +
                                                        std::string(contentBytes, 'x') + "\"}]}");
  };
  expectOpenAiError(exportOf(5000), 413, "exceeds the limit of 4096 bytes");
  EXPECT_EQ(exportOf(3000).status, 200);
}

}  // namespace
}  // namespace manifold::test
