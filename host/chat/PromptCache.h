#pragma once

#include <cstdint>
#include <string>

#include "chat/ChatRequest.h"
#include "config/GatewayConfig.h"

namespace manifold::chat {

/// Marks the stable prefix of a request as cacheable (ChatRequest::promptCache).
///
/// The stable prefix is every message before the last user turn: the system
/// prompt, tool results and the earlier conversation, which the next turn of
/// the same conversation repeats byte for byte. It is marked only when it,
/// with the tool definitions, is at least `minPrefixChars` long: shorter
/// prefixes are below every provider's caching minimum, and marking them
/// would cost an Anthropic cache write for nothing. The key is a hash of the
/// tools, the system prompt and the first user message, so every turn of one
/// conversation shares it (OpenAI routes requests with one key to one cache).
void markPromptCache(ChatRequest& request, const config::PromptCacheConfig& config);

}  // namespace manifold::chat
