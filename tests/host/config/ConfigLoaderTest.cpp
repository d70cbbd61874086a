#include <gtest/gtest.h>

#include "config/ConfigLoader.h"
#include "support/TempDir.h"

namespace manifold::config {
namespace {

class ConfigLoaderTest : public ::testing::Test {
 protected:
  std::string withPluginDir(const std::string& json) {
    std::string out = json;
    const std::string marker = "@PLUGINS@";
    out.replace(out.find(marker), marker.size(), plugins_.str());
    return out;
  }
  std::string problemsOf(const ConfigLoadResult& r) {
    std::string all;
    for (const auto& p : r.problems) all += p.path + ": " + p.message + "\n";
    return all;
  }
  test::TempDir plugins_;
};

const char* kValid = R"({
  "server": {"port": 9090, "max_body_bytes": 1048576, "read_timeout_ms": 2500},
  "plugins": {"directory": "@PLUGINS@", "settings": {"demo": {"greeting": "hi"}}},
  "engines": [
    {"id": "fast-one", "provider": "demo", "model": "m1", "key_env": "FAST_KEY", "context_window": 8000,
     "capabilities": {"vision": true, "tools": true}, "options": {"token_delay_ms": 5}},
    {"id": "slow-one", "provider": "demo", "model": "m2"}
  ],
  "modes": {"smart": {"chain": ["fast-one", "slow-one"]}}
})";

TEST_F(ConfigLoaderTest, LoadsAValidConfig) {
  ConfigLoadResult r = ConfigLoader::loadText(withPluginDir(kValid));
  ASSERT_TRUE(r.config) << problemsOf(r);
  const GatewayConfig& c = *r.config;
  EXPECT_EQ(c.server.port, 9090);
  EXPECT_EQ(c.server.maxBodyBytes, 1048576);
  EXPECT_EQ(c.server.readTimeoutMs, 2500);
  ASSERT_EQ(c.engines.size(), 2u);
  EXPECT_EQ(c.engines[0].id, "fast-one");
  EXPECT_EQ(c.engines[0].keyEnv, "FAST_KEY");
  EXPECT_EQ(c.engines[0].contextWindow, 8000);
  EXPECT_TRUE(c.engines[0].capabilities.vision);
  EXPECT_FALSE(c.engines[0].capabilities.jsonMode);
  EXPECT_EQ(c.engines[0].optionsJson, R"({"token_delay_ms":5})");
  EXPECT_EQ(c.engines[1].optionsJson, "{}");
  ASSERT_EQ(c.modes.size(), 1u);
  EXPECT_EQ(c.modes[0].chain, (std::vector<std::string>{"fast-one", "slow-one"}));
  EXPECT_EQ(c.plugins.settingsJson.at("demo"), R"({"greeting":"hi"})");
}

TEST_F(ConfigLoaderTest, TrustSwitchesDefaultOffAndCanBeTurnedOnGloballyOrPerMode) {
  ConfigLoadResult defaults = ConfigLoader::loadText(withPluginDir(kValid));
  ASSERT_TRUE(defaults.config) << problemsOf(defaults);
  EXPECT_FALSE(defaults.config->trust.wrapUserText);
  EXPECT_FALSE(defaults.config->trust.stripInvisible);

  std::string text = withPluginDir(kValid);
  text.insert(text.find('{') + 1, R"("trust": {"wrap_user_text": true, "strip_invisible": true},)");
  ConfigLoadResult on = ConfigLoader::loadText(text);
  ASSERT_TRUE(on.config) << problemsOf(on);
  EXPECT_TRUE(on.config->trust.wrapUserText);
  EXPECT_TRUE(on.config->trust.stripInvisible);

  text = withPluginDir(kValid);
  text.insert(text.find(R"("chain")"), R"("trust": {"wrap_user_text": true},)");
  ConfigLoadResult perMode = ConfigLoader::loadText(text);
  ASSERT_TRUE(perMode.config) << problemsOf(perMode);
  const config::TrustConfig effective =
      perMode.config->modes.at(0).trust.over(perMode.config->trust);
  EXPECT_TRUE(effective.wrapUserText);
  EXPECT_FALSE(effective.stripInvisible) << "unset in the mode: the global value";

  text = withPluginDir(kValid);
  text.insert(text.find('{') + 1, R"("trust": {"wrap_user_text": "yes", "strip": true},)");
  const std::string problems = problemsOf(ConfigLoader::loadText(text));
  EXPECT_NE(problems.find("$.trust.wrap_user_text: expected boolean"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("$.trust: unknown property \"strip\""), std::string::npos) << problems;
}

TEST_F(ConfigLoaderTest, ToolsLoadWithTheirDefaultsAndEveryProblemIsNamed) {
  ConfigLoadResult defaults = ConfigLoader::loadText(withPluginDir(kValid));
  ASSERT_TRUE(defaults.config) << problemsOf(defaults);
  const ToolsConfig& d = defaults.config->tools;
  EXPECT_EQ(d.maxToolSteps, 4);
  EXPECT_EQ(d.callTimeoutMs, 15000);
  EXPECT_TRUE(d.mcpServers.empty());
  EXPECT_TRUE(d.mcpEndpoint.enabled);
  EXPECT_TRUE(defaults.config->modes.at(0).tools.empty());
  EXPECT_TRUE(defaults.config->modes.at(0).preStepTools().empty()) << "smart runs no live tools";

  std::string text = withPluginDir(kValid);
  text.insert(text.find('{') + 1,
              R"("tools": {"max_tool_steps": 2, "cache_ttl_ms": {"fx.convert": 0},
      "mcp_servers": [{"id": "docs", "url": "https://mcp.example.com/mcp",
                       "auth": {"secret_env": "DOCS_MCP_TOKEN"}}],
      "mcp_endpoint": {"allowed_origins": ["*", "https://app.example.com"]}},)");
  text.insert(text.find(R"("chain")"),
              R"("tools": ["fx.convert", "mcp:docs/*"], "max_tool_steps": 1, "live_tools": [],)");
  ConfigLoadResult loaded = ConfigLoader::loadText(text);
  ASSERT_TRUE(loaded.config) << problemsOf(loaded);
  const ToolsConfig& t = loaded.config->tools;
  EXPECT_EQ(t.maxToolSteps, 2);
  EXPECT_EQ(t.cacheTtlMs.at("fx.convert"), 0);
  ASSERT_EQ(t.mcpServers.size(), 1u);
  EXPECT_EQ(t.mcpServers[0].secretEnv, "DOCS_MCP_TOKEN");
  EXPECT_EQ(t.mcpServers[0].authHeader, "Authorization");
  EXPECT_EQ(t.mcpEndpoint.allowedOrigins.size(), 2u);
  const ModeConfig& mode = loaded.config->modes.at(0);
  EXPECT_EQ(mode.tools, (std::vector<std::string>{"fx.convert", "mcp:docs/*"}));
  EXPECT_EQ(mode.maxToolSteps, 1);
  EXPECT_TRUE(mode.liveToolsSet);

  text = withPluginDir(kValid);
  text.insert(text.find('{') + 1, R"("tools": {"mcp_servers": [
      {"id": "a", "url": "http://x/mcp", "auth": {"secret_env": "A", "secret_file": "/a"}},
      {"id": "a", "url": "ftp://x"}, {"id": "b_c", "url": "http://x/mcp"}]},)");
  text.insert(text.find(R"("chain")"), R"("tools": ["fx"],)");
  const std::string problems = problemsOf(ConfigLoader::loadText(text));
  EXPECT_NE(problems.find("$.tools.mcp_servers[1].url"), std::string::npos) << problems;
  EXPECT_NE(problems.find("$.tools.mcp_servers[2].id"), std::string::npos) << problems;
  EXPECT_NE(problems.find("$.modes.smart.tools[0]"), std::string::npos) << problems;

  text = withPluginDir(kValid);
  text.insert(text.find('{') + 1, R"("tools": {"mcp_servers": [
      {"id": "a", "url": "http://x/mcp", "auth": {"secret_env": "A", "secret_file": "/a"}},
      {"id": "a", "url": "http://y/mcp"}]},)");
  const std::string crossField = problemsOf(ConfigLoader::loadText(text));
  EXPECT_NE(crossField.find("$.tools.mcp_servers[0].auth.secret_file"), std::string::npos)
      << crossField;
  EXPECT_NE(crossField.find("duplicate MCP server id \"a\""), std::string::npos) << crossField;
}

TEST_F(ConfigLoaderTest, ReportsEveryProblemWithItsPath) {
  ConfigLoadResult r = ConfigLoader::loadText(withPluginDir(R"({
    "server": {"port": "eighty", "prot": 1},
    "plugins": {"directory": "@PLUGINS@"},
    "engines": [{"id": "a", "provider": "demo"}, {"id": "b", "provider": "demo", "model": "m", "cost_band": "cheap"}],
    "modes": {"smart": {"chain": ["a"]}}
  })"));
  EXPECT_FALSE(r.config);
  const std::string all = problemsOf(r);
  EXPECT_NE(all.find("$.server.port: expected integer"), std::string::npos) << all;
  EXPECT_NE(all.find("$.server: unknown property \"prot\""), std::string::npos) << all;
  EXPECT_NE(all.find("$.engines[0]: missing required property \"model\""), std::string::npos)
      << all;
  EXPECT_NE(all.find("$.engines[1].cost_band"), std::string::npos) << all;
}

TEST_F(ConfigLoaderTest, HeadLimitsLoadAndStayWithinTheParsersCeilings) {
  ConfigLoadResult defaults = ConfigLoader::loadText(withPluginDir(kValid));
  ASSERT_TRUE(defaults.config) << problemsOf(defaults);
  EXPECT_EQ(defaults.config->server.maxHeaderFields, 100);
  EXPECT_EQ(defaults.config->server.maxHeaderBytes, 16384);
  EXPECT_EQ(defaults.config->server.maxUriBytes, 8192);

  std::string text = withPluginDir(kValid);
  const std::string server = R"("server": {)";
  text.replace(
      text.find(server), server.size(),
      server + R"("max_header_fields": 40, "max_header_bytes": 32768, "max_uri_bytes": 2048, )");
  ConfigLoadResult set = ConfigLoader::loadText(text);
  ASSERT_TRUE(set.config) << problemsOf(set);
  EXPECT_EQ(set.config->server.maxHeaderFields, 40);
  EXPECT_EQ(set.config->server.maxHeaderBytes, 32768);
  EXPECT_EQ(set.config->server.maxUriBytes, 2048);

  text = withPluginDir(kValid);
  text.replace(text.find(server), server.size(),
               server + R"("max_header_fields": 101, "max_uri_bytes": 16385, )");
  ConfigLoadResult over = ConfigLoader::loadText(text);
  EXPECT_FALSE(over.config);
  const std::string all = problemsOf(over);
  EXPECT_NE(all.find("$.server.max_header_fields"), std::string::npos) << all;
  EXPECT_NE(all.find("$.server.max_uri_bytes"), std::string::npos) << all;
}

TEST_F(ConfigLoaderTest, ChainsMustNameKnownEnginesAndIdsMustBeUnique) {
  ConfigLoadResult r = ConfigLoader::loadText(withPluginDir(R"({
    "plugins": {"directory": "@PLUGINS@"},
    "engines": [{"id": "a", "provider": "demo", "model": "m"}, {"id": "a", "provider": "demo", "model": "n"}],
    "modes": {"smart": {"chain": ["a", "ghost"]}}
  })"));
  EXPECT_FALSE(r.config);
  const std::string all = problemsOf(r);
  EXPECT_NE(all.find("$.engines[1].id: duplicate engine id \"a\""), std::string::npos) << all;
  EXPECT_NE(all.find("$.modes.smart.chain[1]: unknown engine \"ghost\""), std::string::npos) << all;
}

TEST_F(ConfigLoaderTest, ModeNamesMustBeLowerCaseIdentifiers) {
  ConfigLoadResult r = ConfigLoader::loadText(withPluginDir(R"({
    "plugins": {"directory": "@PLUGINS@"},
    "engines": [{"id": "a", "provider": "demo", "model": "m"}],
    "modes": {"Smart Mode": {"chain": ["a"]}}
  })"));
  EXPECT_FALSE(r.config);
  EXPECT_NE(problemsOf(r).find("invalid property name \"Smart Mode\""), std::string::npos)
      << problemsOf(r);
}

TEST_F(ConfigLoaderTest, MissingPluginFolderNamesThePath) {
  ConfigLoadResult r = ConfigLoader::loadText(R"({
    "plugins": {"directory": "/no/such/folder"},
    "engines": [{"id": "a", "provider": "demo", "model": "m"}],
    "modes": {"smart": {"chain": ["a"]}}
  })");
  EXPECT_FALSE(r.config);
  EXPECT_NE(
      problemsOf(r).find("$.plugins.directory: plugin folder \"/no/such/folder\" does not exist"),
      std::string::npos);
}

TEST_F(ConfigLoaderTest, MalformedJsonAndMissingFile) {
  EXPECT_NE(problemsOf(ConfigLoader::loadText("{\"plugins\": ")).find("$: not valid JSON"),
            std::string::npos);
  EXPECT_NE(
      problemsOf(ConfigLoader::loadFile("/no/such/config.json")).find("cannot read config file"),
      std::string::npos);
}

TEST_F(ConfigLoaderTest, TheShippedConfigIsValid) {
  ConfigLoadResult r =
      ConfigLoader::loadFile(std::string(MANIFOLD_SOURCE_DIR) + "/packaging/config/manifold.json");
  // Its plugin folder is relative to the repository; everything else must hold.
  for (const auto& p : r.problems) EXPECT_EQ(p.path, "$.plugins.directory") << p.message;
}

TEST_F(ConfigLoaderTest, TheDashboardTokenComesFromOneSource) {
  std::string text = withPluginDir(kValid);
  text.insert(text.find('{') + 1, R"("ui": {"token_env": "MANIFOLD_UI_TOKEN"},)");
  const ConfigLoadResult r = ConfigLoader::loadText(text);
  ASSERT_TRUE(r.config) << problemsOf(r);
  EXPECT_EQ(r.config->ui.tokenEnv, "MANIFOLD_UI_TOKEN");
  EXPECT_EQ(r.config->ui.tokenFile, "");

  std::string both = withPluginDir(kValid);
  both.insert(both.find('{') + 1, R"("ui": {"token_env": "A", "token_file": "/run/secrets/ui"},)");
  const ConfigLoadResult refused = ConfigLoader::loadText(both);
  EXPECT_FALSE(refused.config);
  ASSERT_EQ(refused.problems.size(), 1u) << problemsOf(refused);
  EXPECT_EQ(refused.problems[0].path, "$.ui.token_file");

  std::string unknown = withPluginDir(kValid);
  unknown.insert(unknown.find('{') + 1, R"("ui": {"token": "inline-secret"},)");
  EXPECT_FALSE(ConfigLoader::loadText(unknown).config) << "a secret never goes in the file";
}

}  // namespace
}  // namespace manifold::config
