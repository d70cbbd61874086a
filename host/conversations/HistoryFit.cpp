#include "conversations/HistoryFit.h"

namespace manifold::conversations {
namespace {

constexpr int64_t kFramingTokens = 4;
constexpr int64_t kImageTokens = 85;
constexpr int64_t kBytesPerToken = 4;

int64_t tokensFor(int64_t bytes) {
  return (bytes + kBytesPerToken - 1) / kBytesPerToken;
}

}  // namespace

int64_t estimateTokens(const chat::ChatMessage& m) {
  int64_t bytes = 0, images = 0;
  for (const chat::ContentPart& part : m.content)
    part.kind == chat::ContentPart::Kind::Text ? bytes += static_cast<int64_t>(part.text.size())
                                               : ++images;
  for (const chat::ToolCall& call : m.toolCalls)
    bytes += static_cast<int64_t>(call.name.size() + call.arguments.size());
  return kFramingTokens + tokensFor(bytes) + images * kImageTokens;
}

int64_t estimateTokens(const std::vector<chat::ChatMessage>& messages) {
  int64_t sum = 0;
  for (const chat::ChatMessage& m : messages) sum += estimateTokens(m);
  return sum;
}

int64_t historyBudget(int64_t contextWindow, const chat::ChatRequest& client,
                      int64_t reservedChars) {
  const int64_t answer =
      client.maxTokens && *client.maxTokens > 0 ? *client.maxTokens : contextWindow / 4;
  const int64_t left =
      contextWindow - answer - estimateTokens(client.messages) - tokensFor(reservedChars);
  return left < 0 ? 0 : left;
}

size_t turnsThatFit(const std::vector<std::vector<chat::ChatMessage>>& turns,
                    int64_t budgetTokens) {
  size_t fit = 0;
  int64_t used = 0;
  for (auto turn = turns.rbegin(); turn != turns.rend(); ++turn) {
    used += estimateTokens(*turn);
    if (used > budgetTokens) break;
    ++fit;
  }
  return fit;
}

}  // namespace manifold::conversations
