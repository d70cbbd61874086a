// Validation of manifold.intents/1 declarations, as the loader applies it.
#include <gtest/gtest.h>

#include <string>

#include "router/PluginIntents.h"

namespace manifold::router {
namespace {

std::string refusalFor(const std::string& json) {
  std::string error;
  EXPECT_EQ(PluginIntents::compile("acme.test", json, error), nullptr) << json;
  return error;
}

TEST(PluginIntentsTest, CompilesDeclarations) {
  std::string error;
  auto intents =
      PluginIntents::compile("acme.voice",
                             R"([{"intent": "voice", "description": "speak", "priority": 3,
           "phrases": ["read this aloud"], "patterns": ["read|say ... aloud"]},
          {"intent": "ocr", "patterns": ["ocr"]}])",
                             error);
  ASSERT_NE(intents, nullptr) << error;
  EXPECT_EQ(intents->pluginId(), "acme.voice");
  ASSERT_EQ(intents->intents().size(), 2u);
  const IntentDeclaration& voice = intents->intents()[0];
  EXPECT_EQ(voice.intent, "voice");
  EXPECT_EQ(voice.description, "speak");
  EXPECT_EQ(voice.priority, 3);
  ASSERT_EQ(voice.phrases.size(), 1u);
  ASSERT_EQ(voice.patterns.size(), 1u);
  EXPECT_EQ(voice.patterns[0].source(), "read|say ... aloud");
  EXPECT_EQ(intents->intents()[1].priority, 0);
}

TEST(PluginIntentsTest, AnEmptyListDeclaresNothing) {
  std::string error;
  auto intents = PluginIntents::compile("acme.none", "[]", error);
  ASSERT_NE(intents, nullptr) << error;
  EXPECT_TRUE(intents->intents().empty());
}

TEST(PluginIntentsTest, NamesTheMalformedPatternAndItsIntent) {
  EXPECT_EQ(refusalFor(R"([{"intent": "ocr", "patterns": ["scan", "\\bocr\\b"]}])"),
            "intent \"ocr\" has a malformed pattern \"\\bocr\\b\": it has the character '\\', "
            "which is not allowed (patterns are words, | and *, not regular expressions)");
}

TEST(PluginIntentsTest, NamesTheMalformedPhrase) {
  EXPECT_EQ(refusalFor(R"([{"intent": "voice", "phrases": ["--"]}])"),
            "intent \"voice\" has a malformed phrase \"--\": it has no words");
}

TEST(PluginIntentsTest, RefusesMalformedDeclarations) {
  EXPECT_NE(refusalFor("{").find("not valid JSON"), std::string::npos);
  EXPECT_EQ(refusalFor(R"({"intent": "x"})"), "intent declarations are not a JSON array");
  EXPECT_EQ(refusalFor("[42]"), "intent declaration #1 is not an object");
  EXPECT_NE(refusalFor(R"([{"phrases": ["a"]}])").find("#1: \"intent\" must be"),
            std::string::npos);
  EXPECT_NE(refusalFor(R"([{"intent": "Voice", "phrases": ["a"]}])").find("\"intent\" must be"),
            std::string::npos);
  EXPECT_NE(refusalFor(R"([{"intent": "a b", "phrases": ["a"]}])").find("\"intent\" must be"),
            std::string::npos);
  EXPECT_EQ(refusalFor(R"([{"intent": "voice"}])"),
            "intent \"voice\" has neither phrases nor patterns");
  EXPECT_EQ(refusalFor(R"([{"intent": "voice", "phrases": "read aloud"}])"),
            "intent \"voice\": \"phrases\" is not an array of strings");
  EXPECT_EQ(refusalFor(R"([{"intent": "voice", "patterns": [1]}])"),
            "intent \"voice\": \"patterns\" has an entry that is not a string");
  EXPECT_EQ(refusalFor(R"([{"intent": "voice", "phrases": ["a"], "priority": 1.5}])"),
            "intent \"voice\": \"priority\" is not an integer in -1000..1000");
  EXPECT_EQ(refusalFor(R"([{"intent": "voice", "phrases": ["a"], "description": 3}])"),
            "intent \"voice\": \"description\" is not a string");
}

TEST(PluginIntentsTest, RefusesModeNamesAndDuplicates) {
  EXPECT_EQ(refusalFor(R"([{"intent": "coder", "phrases": ["a"]}])"),
            "intent \"coder\" has the name of a built-in mode");
  EXPECT_EQ(refusalFor(R"([{"intent": "auto", "phrases": ["a"]}])"),
            "intent \"auto\" has the name of a built-in mode");
  EXPECT_EQ(refusalFor(R"([{"intent": "voice", "phrases": ["a"]},
                           {"intent": "voice", "phrases": ["b"]}])"),
            "intent \"voice\" is declared twice");
}

TEST(PluginIntentsTest, RefusesOversizedDeclarations) {
  std::string many = "[";
  for (size_t i = 0; i <= PluginIntents::kMaxIntents; ++i)
    many += std::string(i ? "," : "") + R"({"intent": "i)" + std::to_string(i) +
            R"(", "phrases": ["a"]})";
  many += "]";
  EXPECT_NE(refusalFor(many).find("more than 64 intents"), std::string::npos);
  const std::string longPhrase(PluginIntents::kMaxStringBytes + 1, 'a');
  EXPECT_NE(refusalFor(R"([{"intent": "voice", "phrases": [")" + longPhrase + R"("]}])")
                .find("longer than 512 bytes"),
            std::string::npos);
}

}  // namespace
}  // namespace manifold::router
