// Conversations in a real SQLite file, migrated by the gateway's own store:
// whole turns in order, failed turns kept apart, one key's conversations
// invisible to another, paging newest first, deletion, and the OpenAI-shaped
// messages the export endpoints read.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "conversations/MessageJson.h"
#include "conversations/SqliteConversationStore.h"
#include "store/SqliteStore.h"
#include "support/TempDir.h"

#include "TextMessage.h"

namespace manifold::conversations {
namespace {

NewTurn turnOf(const std::string& id, const std::string& key, bool create, bool complete,
               const std::vector<chat::ChatMessage>& messages, int64_t at) {
  NewTurn t;
  t.conversationId = id;
  t.keyId = key;
  t.create = create;
  t.title = create ? "first" : "";
  t.mode = "smart";
  t.engine = "smart-1";
  t.complete = complete;
  t.nowMs = at;
  for (const chat::ChatMessage& m : messages) {
    t.roles.push_back(m.role);
    t.messagesJson.push_back(storedMessageJson(m));
  }
  return t;
}

class SqliteConversationStoreTest : public ::testing::Test {
 protected:
  SqliteConversationStoreTest()
      : path_((dir_ / "conversations.db").string()), migrated_(path_), store_(path_) {}

  test::TempDir dir_;
  std::string path_;
  store::SqliteStore migrated_;
  SqliteConversationStore store_;
};

TEST_F(SqliteConversationStoreTest, TurnsAreKeptInOrderAndFailedOnesApart) {
  ASSERT_TRUE(store_.appendTurn(
      turnOf("conv_a", "key_a", true, true,
             {textMessage("user", "hi"), textMessage("assistant", "hello")}, 1000)));
  ASSERT_TRUE(store_.appendTurn(
      turnOf("conv_a", "key_a", false, false,
             {textMessage("user", "cut"), textMessage("assistant", "par")}, 2000)));
  ASSERT_TRUE(store_.appendTurn(
      turnOf("conv_a", "key_a", false, true,
             {textMessage("user", "again"), textMessage("assistant", "sure")}, 3000)));

  const std::vector<StoredMessage> complete = store_.messages("key_a", "conv_a", false);
  ASSERT_EQ(complete.size(), 4u);
  EXPECT_EQ(complete[0].turn, 1);
  EXPECT_EQ(complete[2].turn, 3);
  EXPECT_EQ(storedMessage(complete[2].json)->content[0].text, "again");
  const std::vector<StoredMessage> all = store_.messages("key_a", "conv_a", true);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_FALSE(all[2].complete);
  EXPECT_EQ(storedMessage(all[3].json)->content[0].text, "par");

  const std::optional<ConversationInfo> info = store_.get("key_a", "conv_a");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->title, "first");
  EXPECT_EQ(info->createdAtMs, 1000);
  EXPECT_EQ(info->updatedAtMs, 3000);
}

TEST_F(SqliteConversationStoreTest, AnotherKeysConversationIsAbsent) {
  ASSERT_TRUE(
      store_.appendTurn(turnOf("conv_a", "key_a", true, true, {textMessage("user", "x")}, 1)));
  EXPECT_FALSE(store_.get("key_b", "conv_a"));
  EXPECT_TRUE(store_.messages("key_b", "conv_a", true).empty());
  EXPECT_FALSE(store_.messagesJson("key_b", "conv_a"));
  EXPECT_FALSE(
      store_.appendTurn(turnOf("conv_a", "key_b", false, true, {textMessage("user", "y")}, 2)));
  EXPECT_FALSE(store_.remove("key_b", "conv_a"));
  EXPECT_TRUE(store_.list("key_b", 10, "").empty());
  EXPECT_EQ(store_.messages("key_a", "conv_a", true).size(), 1u) << "key_b's turn was not added";
}

TEST_F(SqliteConversationStoreTest, PagesGoNewestFirstAndDeletionTakesTheMessages) {
  for (int i = 1; i <= 5; ++i)
    ASSERT_TRUE(store_.appendTurn(
        turnOf("conv_" + std::to_string(i), "key_a", true, true, {textMessage("user", "m")}, i)));
  std::vector<ConversationInfo> page = store_.list("key_a", 2, "");
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, "conv_5");
  EXPECT_EQ(page[1].id, "conv_4");
  page = store_.list("key_a", 2, page[1].id);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, "conv_3");
  EXPECT_EQ(page[1].id, "conv_2");
  page = store_.list("key_a", 2, page[1].id);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, "conv_1");

  EXPECT_TRUE(store_.remove("key_a", "conv_3"));
  EXPECT_FALSE(store_.get("key_a", "conv_3"));
  EXPECT_TRUE(store_.messages("key_a", "conv_3", true).empty());
  EXPECT_FALSE(
      store_.appendTurn(turnOf("conv_3", "key_a", false, true, {textMessage("user", "late")}, 9)))
      << "a turn that ends after its conversation was deleted is not kept";
  EXPECT_EQ(store_.list("key_a", 10, "").size(), 4u);
}

TEST_F(SqliteConversationStoreTest, MessagesJsonIsTheOpenAiShapeOfCompleteTurns) {
  chat::ChatMessage call;
  call.role = "assistant";
  call.toolCalls.push_back({"call_1", "weather", R"({"city":"Oslo"})"});
  chat::ChatMessage result = textMessage("tool", "{\"temp\":3}");
  result.toolCallId = "call_1";
  chat::ChatMessage picture = textMessage("user", "what is this?");
  picture.content.push_back({chat::ContentPart::Kind::Image, "", "https://x/y.png", "low"});
  NewTurn turn = turnOf("conv_a", "key_a", true, true, {picture, call, result}, 1);
  turn.roles.push_back("assistant");
  turn.messagesJson.push_back(storedMessageJson(textMessage("assistant", "3 degrees"), "cold"));
  ASSERT_TRUE(store_.appendTurn(turn));
  ASSERT_TRUE(store_.appendTurn(
      turnOf("conv_a", "key_a", false, false, {textMessage("user", "never exported")}, 2)));

  const std::optional<std::string> json = store_.messagesJson("key_a", "conv_a");
  ASSERT_TRUE(json);
  const Poco::JSON::Array::Ptr messages =
      Poco::JSON::Parser().parse(*json).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(messages->size(), 4u);
  const Poco::JSON::Array::Ptr parts = messages->getObject(0)->getArray("content");
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(parts->getObject(1)->getValue<std::string>("type"), "image_url");
  EXPECT_EQ(parts->getObject(1)->getObject("image_url")->getValue<std::string>("url"),
            "https://x/y.png");
  EXPECT_TRUE(messages->getObject(1)->isNull("content"));
  const Poco::JSON::Object::Ptr function =
      messages->getObject(1)->getArray("tool_calls")->getObject(0)->getObject("function");
  EXPECT_EQ(function->getValue<std::string>("name"), "weather");
  EXPECT_EQ(function->getValue<std::string>("arguments"), R"({"city":"Oslo"})");
  EXPECT_EQ(messages->getObject(2)->getValue<std::string>("tool_call_id"), "call_1");
  EXPECT_EQ(messages->getObject(3)->getValue<std::string>("content"), "3 degrees");
  EXPECT_EQ(messages->getObject(3)->getValue<std::string>("reasoning"), "cold");
}

}  // namespace
}  // namespace manifold::conversations
