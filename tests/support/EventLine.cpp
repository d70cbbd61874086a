#include "support/EventLine.h"

namespace manifold::test {

std::string describe(const chat::CanonicalEvent& e) {
  using Type = chat::CanonicalEvent::Type;
  switch (e.type) {
    case Type::TextDelta:
      return "text:" + e.text;
    case Type::ReasoningDelta:
      return "reasoning:" + e.text;
    case Type::ToolCallDelta:
      return "tool:" + std::to_string(e.toolIndex) + ":" + e.toolCallId + ":" + e.toolName + ":" +
             e.text;
    case Type::Usage: {
      std::string out = "usage:" + std::to_string(e.promptTokens) + ":" +
                        std::to_string(e.completionTokens) + ":" + std::to_string(e.cachedTokens) +
                        ":" + std::to_string(e.reasoningTokens);
      if (e.cacheWriteTokens >= 0) out += ":" + std::to_string(e.cacheWriteTokens);
      return out;
    }
    case Type::Finish:
      return "finish:" + std::to_string(e.finishReason);
    case Type::Error:
      return "error:" + std::to_string(e.errorCode) + ":" + (e.retryable ? "retryable" : "final") +
             ":" + e.text;
    case Type::Meta:
      return "meta:" + e.text;
    default:
      return "other:" + e.text;
  }
}

}  // namespace manifold::test
