// The documented estimate (4 tokens a message, a token per 4 bytes, 85 per
// image) and the fit: newest whole turns first, the first that does not fit
// ends the history.
#include <gtest/gtest.h>

#include "TextMessage.h"
#include "conversations/HistoryFit.h"

namespace manifold::conversations {
namespace {

TEST(HistoryFitTest, TheEstimateFollowsTheDocumentedRule) {
  EXPECT_EQ(estimateTokens(textMessage("user", "")), 4);
  EXPECT_EQ(estimateTokens(textMessage("user", "abcd")), 5);
  EXPECT_EQ(estimateTokens(textMessage("user", "abcde")), 6);
  chat::ChatMessage call;
  call.role = "assistant";
  call.toolCalls.push_back({"call_1", "abc", "{\"q\":1}"});  // 3 + 7 bytes
  EXPECT_EQ(estimateTokens(call), 4 + 3);
  chat::ChatMessage image = textMessage("user", "");
  image.content.push_back({chat::ContentPart::Kind::Image, "", "https://x", ""});
  EXPECT_EQ(estimateTokens(image), 4 + 85);
}

TEST(HistoryFitTest, TheBudgetKeepsRoomForTheAnswerTheClientAndMemory) {
  chat::ChatRequest client;
  client.messages.push_back(textMessage("user", std::string(40, 'x')));  // 14 tokens
  EXPECT_EQ(historyBudget(1000, client, 400), 1000 - 250 - 14 - 100);
  client.maxTokens = 100;
  EXPECT_EQ(historyBudget(1000, client, 400), 1000 - 100 - 14 - 100);
  EXPECT_EQ(historyBudget(100, client, 4000), 0) << "never below nothing";
}

TEST(HistoryFitTest, TheNewestWholeTurnsFit) {
  const std::vector<chat::ChatMessage> turn = {textMessage("user", std::string(36, 'a')),
                                               textMessage("assistant", std::string(36, 'b'))};
  const std::vector<std::vector<chat::ChatMessage>> turns(4, turn);  // 26 tokens each
  EXPECT_EQ(turnsThatFit(turns, 1000), 4u);
  EXPECT_EQ(turnsThatFit(turns, 52), 2u);
  EXPECT_EQ(turnsThatFit(turns, 77), 2u) << "a turn is sent whole or not at all";
  EXPECT_EQ(turnsThatFit(turns, 25), 0u);
}

}  // namespace
}  // namespace manifold::conversations
