// plugin.hpp's C++ helper for manifold.intents/1: the JSON it writes, and a
// plugin built with it (IntentsHelperProbe.cpp) reaching the host's router
// exactly as the hand-written C probe with the same intents (IntentsProbe.c).
#include <gtest/gtest.h>

#include <manifold/plugin.hpp>

#include "plugins/PluginManager.h"
#include "router/RuleBasedRouter.h"
#include "support/TempDir.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

using plugins::PluginLoader;
using plugins::PluginManager;
using router::RouteDecision;
using router::RouterInput;
using router::RuleBasedRouter;

// One plugin library in its own folder, with a router over it.
class RoutedPlugin {
 public:
  explicit RoutedPlugin(const std::string& library)
      : manager_(std::make_unique<PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                                plugins::HostServiceDeps{}),
                 50),
        router_(&manager_) {
    test::installFile(test::testPlugin(library), folder_ / "intents.so");
    manager_.scan(false);
  }

  std::shared_ptr<plugins::PluginLibrary> plugin() const {
    return manager_.find("test.intents-probe");
  }
  std::string refusal() const {
    const auto refused = manager_.snapshot().refused;
    return refused.empty() ? "" : refused.front().reason;
  }
  RouteDecision route(const std::string& text) { return router_.route(RouterInput{text, false}); }

 private:
  test::TempDir folder_;
  PluginManager manager_;
  RuleBasedRouter router_;
};

std::vector<std::string> sources(const std::vector<router::WordPattern>& patterns) {
  std::vector<std::string> out;
  for (const auto& p : patterns) out.push_back(p.source());
  return out;
}

TEST(IntentsHelperTest, WritesTheDeclarationArrayOfPluginH) {
  const std::string text =
      intentsJson({{"voice", 3, {"say \"hi\""}, {"read|say ... aloud"}, "reads\naloud"},
                   {"eval", 0, {}, {"x"}}});
  json::ParseError error;
  const std::optional<json::Value> parsed = json::parse(text, &error);
  ASSERT_TRUE(parsed) << error.message << "\n" << text;
  ASSERT_TRUE(parsed->isArray());
  const json::Value& voice = (*parsed)[0];
  EXPECT_EQ(voice["intent"].asString(), "voice");
  EXPECT_EQ(voice["priority"].asInt(), 3);
  EXPECT_EQ(voice["description"].asString(), "reads\naloud");
  EXPECT_EQ(voice["phrases"][0].asString(), "say \"hi\"");
  EXPECT_EQ(voice["patterns"][0].asString(), "read|say ... aloud");
  EXPECT_EQ((*parsed)[1]["intent"].asString(), "eval");
  EXPECT_EQ((*parsed)[1]["phrases"].size(), 0u);
  EXPECT_EQ(intentsJson({}), "[]");
}

TEST(IntentsHelperTest, HelperPluginDeclaresWhatTheCProbeDeclares) {
  RoutedPlugin c("intents_probe");
  RoutedPlugin cpp("intents_helper_probe");
  ASSERT_NE(c.plugin(), nullptr) << c.refusal();
  ASSERT_NE(cpp.plugin(), nullptr) << cpp.refusal();
  EXPECT_EQ(cpp.plugin()->kinds(), std::vector<std::string>{MF_KIND_INTENTS});

  ASSERT_NE(cpp.plugin()->intents(), nullptr);
  const auto& expected = c.plugin()->intents()->intents();
  const auto& actual = cpp.plugin()->intents()->intents();
  ASSERT_EQ(actual.size(), expected.size());
  ASSERT_EQ(actual.size(), 2u);
  for (size_t i = 0; i < actual.size(); ++i) {
    SCOPED_TRACE(expected[i].intent);
    EXPECT_EQ(actual[i].intent, expected[i].intent);
    EXPECT_EQ(actual[i].description, expected[i].description);
    EXPECT_EQ(actual[i].priority, expected[i].priority);
    EXPECT_EQ(sources(actual[i].phrases), sources(expected[i].phrases));
    EXPECT_EQ(sources(actual[i].patterns), sources(expected[i].patterns));
  }
}

TEST(IntentsHelperTest, RouterDecidesTheSameForBothProbes) {
  RoutedPlugin c("intents_probe");
  RoutedPlugin cpp("intents_helper_probe");
  const char* messages[] = {
      "Read this aloud, please: the quarterly report is attached.",
      "can you say the first paragraph out?",
      "convert this to audiobook",
      "start workflow onboarding",
      "start the workflow",
      "run the workflow now",
      "what's the weather in Rome tomorrow?",
      "read this aloud:\n```\nint x = 1;\n```",
  };
  int pluginIntents = 0;
  for (const char* message : messages) {
    SCOPED_TRACE(message);
    const RouteDecision want = c.route(message);
    const RouteDecision got = cpp.route(message);
    EXPECT_EQ(got.intent, want.intent);
    EXPECT_EQ(got.pluginId, want.pluginId);
    EXPECT_EQ(got.rule, want.rule);
    EXPECT_EQ(got.mode, want.mode);
    EXPECT_DOUBLE_EQ(got.confidence, want.confidence);
    pluginIntents += got.isPluginIntent() ? 1 : 0;
  }
  EXPECT_EQ(pluginIntents, 6) << "the corpus must exercise phrases, patterns and misses";
  EXPECT_EQ(cpp.route("read this aloud").intent, "voice");
}

TEST(IntentsHelperTest, AnExceptionFromDeclareRefusesThePlugin) {
  RoutedPlugin throwing("intents_helper_throws");
  EXPECT_EQ(throwing.plugin(), nullptr);
  EXPECT_EQ(throwing.refusal(), "declare_intents failed: intents are not ready");
}

}  // namespace
}  // namespace manifold
