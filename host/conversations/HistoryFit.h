#pragma once

#include <cstdint>
#include <vector>

#include "chat/ChatRequest.h"

namespace manifold::conversations {

/// How a conversation's history is fitted into the answering chain's
/// context window. Tokens are estimated, not counted (the gateway has no
/// engine's tokenizer): a message is 4 tokens of framing plus one token per
/// 4 bytes of its UTF-8 text (text parts, a tool call's name and arguments,
/// a tool result), rounded up, and 85 tokens per image (OpenAI's low-detail
/// price). Over-estimating for English keeps the fit on the safe side.
int64_t estimateTokens(const chat::ChatMessage& message);
int64_t estimateTokens(const std::vector<chat::ChatMessage>& messages);

/// What the history may use of a window of `contextWindow` tokens: the
/// window less the room for the answer (max_tokens when the client set it,
/// else a quarter of the window), less the client's own messages, less
/// `reservedChars` (the memory budget, in the same 4-bytes-a-token rule).
/// Never below 0.
int64_t historyBudget(int64_t contextWindow, const chat::ChatRequest& client,
                      int64_t reservedChars);

/// How many of the newest `turns` (each a whole turn's messages, oldest
/// first) fit in `budgetTokens`: turns are taken newest first and the first
/// that does not fit ends the history, so what is sent is always the most
/// recent part of the conversation, whole turns only (a tool call never
/// loses its result).
size_t turnsThatFit(const std::vector<std::vector<chat::ChatMessage>>& turns, int64_t budgetTokens);

}  // namespace manifold::conversations
