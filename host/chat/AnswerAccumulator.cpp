#include "chat/AnswerAccumulator.h"

namespace manifold::chat {

void AnswerAccumulator::add(const CanonicalEvent& event) {
  using Type = CanonicalEvent::Type;
  switch (event.type) {
    case Type::TextDelta:
      text_ += event.text;
      break;
    case Type::ReasoningDelta:
      reasoning_ += event.text;
      break;
    case Type::ToolCallDelta: {
      AssembledToolCall& call = toolCalls_[event.toolIndex];
      if (!event.toolCallId.empty()) call.id = event.toolCallId;
      if (!event.toolName.empty()) call.name = event.toolName;
      call.arguments += event.text;
      break;
    }
    case Type::Usage:
      // Usage is cumulative: the latest report replaces the earlier ones,
      // field by field, so a provider may report prompt and completion apart.
      if (event.promptTokens >= 0) usage_.promptTokens = event.promptTokens;
      if (event.completionTokens >= 0) usage_.completionTokens = event.completionTokens;
      if (event.cachedTokens >= 0) usage_.cachedTokens = event.cachedTokens;
      if (event.reasoningTokens >= 0) usage_.reasoningTokens = event.reasoningTokens;
      if (event.cacheWriteTokens >= 0) usage_.cacheWriteTokens = event.cacheWriteTokens;
      hasUsage_ = true;
      break;
    case Type::Finish:
      finishReason_ = event.finishReason;  // 0: the provider gave none; never invented
      break;
    default:
      break;
  }
}

}  // namespace manifold::chat
