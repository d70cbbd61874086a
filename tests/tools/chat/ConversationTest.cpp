// What manifold-chat sends each turn: the whole history in order, then the
// new message, with the mode and engine the user chose.
#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include "Conversation.h"

namespace manifold::tools {
namespace {

json::Value body(const Conversation& conversation, const std::string& text) {
  json::ParseError error;
  const std::optional<json::Value> parsed = json::parse(conversation.requestBody(text), &error);
  EXPECT_TRUE(parsed) << error.message;
  return parsed.value_or(json::Value());
}

TEST(ConversationTest, AFirstTurnSendsOneUserMessageAndLeavesRoutingToTheGateway) {
  const json::Value first = body(Conversation(), "hello");
  ASSERT_EQ(first["messages"].asArray().size(), 1u);
  EXPECT_EQ(first["messages"][0]["role"].asString(), "user");
  EXPECT_EQ(first["messages"][0]["content"].asString(), "hello");
  EXPECT_FALSE(first.contains("mode"));
  EXPECT_FALSE(first.contains("model"));
}

TEST(ConversationTest, EveryTurnCarriesTheHistoryInOrder) {
  Conversation conversation;
  conversation.answered("first \"question\"", "first answer\nover two lines");
  conversation.answered("second", "second answer");
  const json::Value next = body(conversation, "third");
  const json::Array& messages = next["messages"].asArray();
  ASSERT_EQ(messages.size(), 5u);
  const char* expected[][2] = {{"user", "first \"question\""},
                               {"assistant", "first answer\nover two lines"},
                               {"user", "second"},
                               {"assistant", "second answer"},
                               {"user", "third"}};
  for (size_t i = 0; i < messages.size(); ++i) {
    EXPECT_EQ(messages[i]["role"].asString(), expected[i][0]) << i;
    EXPECT_EQ(messages[i]["content"].asString(), expected[i][1]) << i;
  }
  conversation.clear();
  EXPECT_EQ(body(conversation, "again")["messages"].asArray().size(), 1u);
}

TEST(ConversationTest, ModeAndModelOverridesAreSentUntilCleared) {
  Conversation conversation;
  conversation.setMode("fast");
  conversation.setModel("groq-llama");
  json::Value b = body(conversation, "hi");
  EXPECT_EQ(b["mode"].asString(), "fast");
  EXPECT_EQ(b["model"].asString(), "groq-llama");

  conversation.setMode("auto");
  conversation.setModel("");
  b = body(conversation, "hi");
  EXPECT_FALSE(b.contains("mode"));
  EXPECT_FALSE(b.contains("model"));
}

}  // namespace
}  // namespace manifold::tools
