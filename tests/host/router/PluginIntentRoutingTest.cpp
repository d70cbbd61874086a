// Plugin intents through the real loader: a probe plugin built against the
// SDK declares intents; the router sees them, and sees them change.
#include <gtest/gtest.h>

#include <filesystem>

#include "plugins/PluginManager.h"
#include "router/RuleBasedRouter.h"
#include "support/TempDir.h"
#include "support/TestPaths.h"

namespace manifold::router {
namespace {

namespace fs = std::filesystem;
using plugins::PluginLoader;
using plugins::PluginManager;
using test::TempDir;
using test::testPlugin;

class PluginIntentRoutingTest : public ::testing::Test {
 protected:
  PluginIntentRoutingTest()
      : manager_(std::make_unique<PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                                plugins::HostServiceDeps{}),
                 50),
        router_(&manager_) {}

  void install(const std::string& library, const std::string& as = "intents.so") {
    test::installFile(testPlugin(library), folder_ / as);
    manager_.scan(false);
  }

  RouteDecision route(const std::string& text, bool image = false) {
    return router_.route(RouterInput{text, image});
  }

  // The reason the file `as` was refused, "" when it was not.
  std::string refusalOf(const std::string& as) {
    for (const auto& refusal : manager_.snapshot().refused)
      if (refusal.file == (folder_ / as).string()) return refusal.reason;
    return "";
  }

  TempDir folder_;
  PluginManager manager_;
  RuleBasedRouter router_;
};

TEST_F(PluginIntentRoutingTest, LoaderCompilesTheDeclaredIntents) {
  install("intents_probe");
  auto plugin = manager_.find("test.intents-probe");
  ASSERT_NE(plugin, nullptr) << refusalOf("intents.so");
  EXPECT_EQ(plugin->providerApi(), nullptr);
  ASSERT_NE(plugin->intents(), nullptr);
  ASSERT_EQ(plugin->intents()->intents().size(), 2u);
  EXPECT_EQ(plugin->intents()->intents()[0].intent, "voice");
  EXPECT_EQ(plugin->intents()->intents()[1].intent, "workflow");
}

TEST_F(PluginIntentRoutingTest, ReadThisAloudGoesToThePluginIntent) {
  install("intents_probe");
  const RouteDecision d = route("Read this aloud, please: the quarterly report is attached.");
  EXPECT_TRUE(d.isPluginIntent());
  EXPECT_EQ(d.intent, "voice");
  EXPECT_EQ(d.pluginId, "test.intents-probe");
  EXPECT_EQ(d.rule, "plugin:test.intents-probe/voice");
  EXPECT_EQ(d.target(), "test.intents-probe/voice");
  EXPECT_GT(d.confidence, 0.5);
}

TEST_F(PluginIntentRoutingTest, PatternsMatchToo) {
  install("intents_probe");
  EXPECT_EQ(route("can you say the first paragraph out?").intent, "voice");
  EXPECT_EQ(route("convert this to audiobook").intent, "voice");
  EXPECT_EQ(route("start workflow onboarding").intent, "workflow");
  EXPECT_FALSE(route("start the workflow").isPluginIntent()) << "* needs a word after workflow";
}

TEST_F(PluginIntentRoutingTest, MessagesNoIntentMatchesKeepTheirMode) {
  install("intents_probe");
  const RouteDecision d = route("what's the weather in Rome tomorrow?");
  EXPECT_FALSE(d.isPluginIntent());
  EXPECT_EQ(d.mode, Mode::Live);
}

TEST_F(PluginIntentRoutingTest, APluginIntentKeepsTheModeAsFallback) {
  install("intents_probe");
  const RouteDecision d = route("read this aloud:\n```\nint x = 1;\n```");
  EXPECT_EQ(d.intent, "voice");
  EXPECT_EQ(d.mode, Mode::Coder);
}

TEST_F(PluginIntentRoutingTest, RouterSeesPluginsReplacedAndRemoved) {
  EXPECT_FALSE(route("read this aloud").isPluginIntent());
  install("intents_probe");
  EXPECT_EQ(route("read this aloud").intent, "voice");

  install("intents_probe_v2");
  ASSERT_EQ(manager_.find("test.intents-probe")->version(), "2.0.0");
  EXPECT_FALSE(route("read this aloud").isPluginIntent()) << "v2 no longer declares voice";
  EXPECT_EQ(route("please transcribe the attached recording").intent, "dictation");

  fs::remove(folder_ / "intents.so");
  manager_.scan(false);
  EXPECT_FALSE(route("please transcribe the attached recording").isPluginIntent());
}

TEST_F(PluginIntentRoutingTest, OverrideToAPluginIntent) {
  install("intents_probe");
  const RouterInput input{"what's 2 + 2", false};
  for (std::string_view name : {"voice", "test.intents-probe/voice"}) {
    const RouteResult r = router_.decide(name, input);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.decision->intent, "voice");
    EXPECT_EQ(r.decision->pluginId, "test.intents-probe");
    EXPECT_EQ(r.decision->rule, "override");
    EXPECT_EQ(r.decision->confidence, 1.0);
  }
  const RouteResult unknown = router_.decide(std::string_view("other.plugin/voice"), input);
  EXPECT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error.find("test.intents-probe/voice, test.intents-probe/workflow"),
            std::string::npos)
      << unknown.error;
}

TEST_F(PluginIntentRoutingTest, KnownTargetsListModesThenIntents) {
  install("intents_probe");
  const std::vector<std::string> targets = router_.knownTargets();
  ASSERT_EQ(targets.size(), kModeCount + 2);
  EXPECT_EQ(targets.front(), "smart");
  EXPECT_EQ(targets[kModeCount], "test.intents-probe/voice");
}

TEST_F(PluginIntentRoutingTest, RefusesAPluginWithAMalformedPattern) {
  install("bad_intent_pattern", "bad.so");
  EXPECT_EQ(manager_.find("test.intents-probe"), nullptr);
  EXPECT_EQ(refusalOf("bad.so"),
            "intent \"ocr\" has a malformed pattern \"\\bocr\\b\": it has the character '\\', "
            "which is not allowed (patterns are words, | and *, not regular expressions)");
  EXPECT_FALSE(route("ocr this page").isPluginIntent());
}

TEST_F(PluginIntentRoutingTest, RefusesAMalformedDeclaration) {
  install("bad_intent_declaration", "bad.so");
  EXPECT_EQ(refusalOf("bad.so"), "intent \"eval\" has neither phrases nor patterns");
}

TEST_F(PluginIntentRoutingTest, RefusesAPluginWhoseDeclarationFails) {
  install("intents_declare_fails", "bad.so");
  EXPECT_EQ(refusalOf("bad.so"), "declare_intents failed: no declarations today");
}

TEST_F(PluginIntentRoutingTest, ABrokenReplacementKeepsTheLoadedIntents) {
  install("intents_probe");
  install("bad_intent_pattern");
  EXPECT_NE(refusalOf("intents.so"), "");
  EXPECT_EQ(route("read this aloud").intent, "voice");
}

}  // namespace
}  // namespace manifold::router
