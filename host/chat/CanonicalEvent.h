#pragma once

#include <manifold/plugin.h>

#include <cstdint>
#include <string>

namespace manifold::chat {

/// The host's own copy of one canonical event (plugin.h's mf_event, owned).
struct CanonicalEvent {
  enum class Type { TextDelta, ReasoningDelta, ToolCallDelta, Usage, Finish, Error, Meta, Unknown };

  Type type = Type::Unknown;
  std::string text;
  int32_t toolIndex = 0;
  std::string toolCallId;
  std::string toolName;
  int64_t promptTokens = -1;
  int64_t completionTokens = -1;
  int64_t cachedTokens = -1;
  int64_t reasoningTokens = -1;
  int64_t cacheWriteTokens = -1;
  int32_t finishReason = 0;
  int32_t errorCode = 0;
  bool retryable = false;

  /// Content is what commits an attempt: answer text, reasoning or a tool
  /// call. Empty deltas, usage and meta never do.
  bool isContent() const {
    return (type == Type::TextDelta || type == Type::ReasoningDelta ||
            type == Type::ToolCallDelta) &&
           (!text.empty() || !toolName.empty() || !toolCallId.empty());
  }

  static CanonicalEvent fromAbi(const mf_event& e);
};

/// The finish reason's name in the OpenAI vocabulary; an answer that ended
/// without saying why (0) ended normally: "stop".
/// The OpenAI name of a finish reason, or null when the provider gave none:
/// a gateway never invents one.
const char* finishReasonName(int32_t reason);
/// `"stop"` (quoted) or `null`, for writing JSON.
std::string finishReasonJson(int32_t reason);

}  // namespace manifold::chat
