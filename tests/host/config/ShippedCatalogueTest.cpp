// The shipped catalogue (packaging/config/manifold.json): the providers it
// promises, chain shapes, and that a deployment with no keys still answers.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "config/ConfigLoader.h"
#include "support/OpenAiAssertions.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

class ShippedCatalogueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(std::string(MANIFOLD_SOURCE_DIR) + "/packaging/config/manifold.json");
    std::stringstream text;
    text << in.rdbuf();
    Poco::JSON::Object::Ptr root =
        Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    root->getObject("plugins")->set("directory", folder_.path().string());
    std::ostringstream rewritten;
    root->stringify(rewritten);
    const std::string file = (folder_.path() / "manifold.json").string();
    std::ofstream(file) << rewritten.str();
    config::ConfigLoadResult r = config::ConfigLoader::loadFile(file);
    for (const auto& p : r.problems) ADD_FAILURE() << p.path << ": " << p.message;
    ASSERT_TRUE(r.config.has_value());
    config_ = *r.config;
  }

  const config::ModeConfig& mode(const std::string& name) const {
    for (const config::ModeConfig& m : config_.modes)
      if (m.name == name) return m;
    throw std::runtime_error("no mode " + name);
  }

  TempDir folder_;
  config::GatewayConfig config_;
};

TEST_F(ShippedCatalogueTest, HasTheTenChatProvidersAndDeepSeek) {
  std::set<std::string> providers;  // plugin, or preset for openai-compatible
  for (const config::EngineConfig& e : config_.engines) {
    std::string preset;
    if (e.provider == "openai-compatible") {
      Poco::JSON::Object::Ptr options =
          Poco::JSON::Parser().parse(e.optionsJson).extract<Poco::JSON::Object::Ptr>();
      preset = options->getValue<std::string>("preset");
    }
    providers.insert(preset.empty() ? e.provider : preset);
  }
  for (const char* expected : {"anthropic", "github", "gemini", "groq", "sambanova", "cerebras",
                               "openrouter", "cohere", "mistral", "ollama", "deepseek", "demo"})
    EXPECT_TRUE(providers.count(expected)) << expected;
}

TEST_F(ShippedCatalogueTest, ChainsEndInTheDemoAndSmartIsDeep) {
  for (const config::ModeConfig& m : config_.modes) {
    ASSERT_FALSE(m.chain.empty()) << m.name;
    EXPECT_EQ(m.chain.back(), "demo") << m.name << " must answer with no keys at all";
    EXPECT_LE(m.chain.size(), 20u) << m.name;
  }
  EXPECT_GE(mode("smart").chain.size(), 18u);
  EXPECT_EQ(mode("fast").chain.end()[-2], "ollama-llama-3.2") << "local is the last resort";
  for (const std::string& step : mode("vision").chain) {
    for (const config::EngineConfig& e : config_.engines)
      if (e.id == step) EXPECT_TRUE(e.capabilities.vision) << step;
  }
}

TEST_F(ShippedCatalogueTest, WithNoKeysEveryModeFallsThroughToTheDemo) {
  for (const config::EngineConfig& e : config_.engines)
    if (!e.keyEnv.empty()) ::unsetenv(e.keyEnv.c_str());
  for (config::EngineConfig& e : config_.engines) {
    const size_t delay = e.optionsJson.find("\"token_delay_ms\":30");
    if (e.provider == "demo" && delay != std::string::npos)
      e.optionsJson.replace(delay, 19, "\"token_delay_ms\":0");
  }
  config_.server.host = "127.0.0.1";
  config_.server.port = 0;
  const std::string dir = pluginOutputDir() + "/";
  TestGateway gateway(config_, {dir + "demo.so", dir + "openai-compatible.so", dir + "anthropic.so",
                                dir + "gemini.so", dir + "cohere.so"});
  for (const config::ModeConfig& m : config_.modes) {
    const HttpResult r =
        gateway.client().post("/v1/chat/completions", chatBody("mode/" + m.name, false));
    if (m.name == "image") {
      // Pictures come from media.image_chain; the offline demo makes none,
      // so without keys the image mode says which engines it could not use.
      EXPECT_EQ(r.status, 503) << r.body;
      for (const std::string& engine : config_.media.imageChain)
        EXPECT_NE(r.body.find(engine + ": skipped: no key"), std::string::npos)
            << engine << " in " << r.body;
      continue;
    }
    ASSERT_EQ(r.status, 200) << m.name << ": " << r.body;
    EXPECT_EQ(r.header("x-manifold-engine"), "demo") << m.name;
  }
}

}  // namespace
}  // namespace manifold::test
