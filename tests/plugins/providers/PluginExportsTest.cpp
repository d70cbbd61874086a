// Every first-party provider plugin exports exactly one symbol, the entry
// function, as DESIGN.md requires of every plugin.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "support/TestPaths.h"

namespace manifold::test {
namespace {

class PluginExportsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PluginExportsTest, ExportsExactlyTheEntryFunction) {
  const std::string path = pluginOutputDir() + "/" + GetParam() + ".so";
  FILE* nm = popen(("nm -D --defined-only '" + path + "' 2>/dev/null").c_str(), "r");
  ASSERT_NE(nm, nullptr);
  std::vector<std::string> exported;
  char line[512];
  while (std::fgets(line, sizeof line, nm)) {
    char type = 0;
    char name[400] = {};
    if (std::sscanf(line, "%*s %c %399s", &type, name) == 2 && std::strchr("TDBRVWiu", type))
      exported.emplace_back(name);
  }
  const int status = pclose(nm);
  if (status != 0 && exported.empty()) GTEST_SKIP() << "nm is not available";
  EXPECT_EQ(exported, std::vector<std::string>{"manifold_plugin_entry"});
}

INSTANTIATE_TEST_SUITE_P(Providers, PluginExportsTest,
                         ::testing::Values("demo", "openai-compatible", "anthropic", "gemini",
                                           "cohere"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

INSTANTIATE_TEST_SUITE_P(Dispatchers, PluginExportsTest, ::testing::Values("sibling", "manus"),
                         [](const auto& info) { return std::string(info.param); });
// The toolsets link manifold_toolset_common statically: it must export nothing.
INSTANTIATE_TEST_SUITE_P(Toolsets, PluginExportsTest,
                         ::testing::Values("fx", "weather", "news", "containers", "mcp"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace manifold::test
