#include "chat/CanonicalEvent.h"

#include <cstddef>

#include "plugins/AbiStrings.h"

namespace manifold::chat {

CanonicalEvent CanonicalEvent::fromAbi(const mf_event& raw) {
  const mf_event e = plugins::copyStruct(&raw);
  CanonicalEvent out;
  switch (e.type) {
    case MF_EVENT_TEXT_DELTA:
      out.type = Type::TextDelta;
      break;
    case MF_EVENT_REASONING_DELTA:
      out.type = Type::ReasoningDelta;
      break;
    case MF_EVENT_TOOL_CALL_DELTA:
      out.type = Type::ToolCallDelta;
      break;
    case MF_EVENT_USAGE:
      out.type = Type::Usage;
      break;
    case MF_EVENT_FINISH:
      out.type = Type::Finish;
      break;
    case MF_EVENT_ERROR:
      out.type = Type::Error;
      break;
    case MF_EVENT_META:
      out.type = Type::Meta;
      break;
    default:
      out.type = Type::Unknown;
      break;
  }
  out.text = plugins::fromAbi(e.text);
  out.toolIndex = e.tool_index;
  out.toolCallId = plugins::fromAbi(e.tool_call_id);
  out.toolName = plugins::fromAbi(e.tool_name);
  out.promptTokens = e.prompt_tokens;
  out.completionTokens = e.completion_tokens;
  out.cachedTokens = e.cached_tokens;
  out.reasoningTokens = e.reasoning_tokens;
  // A plugin built against ABI 1.0 does not know the field: unknown, not 0.
  out.cacheWriteTokens =
      raw.struct_size >= offsetof(mf_event, cache_write_tokens) + sizeof(e.cache_write_tokens)
          ? e.cache_write_tokens
          : -1;
  out.finishReason = e.finish_reason;
  out.errorCode = e.error_code;
  out.retryable = e.retryable != 0;
  return out;
}

const char* finishReasonName(int32_t reason) {
  switch (reason) {
    case MF_FINISH_LENGTH:
      return "length";
    case MF_FINISH_TOOL_CALLS:
      return "tool_calls";
    case MF_FINISH_CONTENT_FILTER:
      return "content_filter";
    case MF_FINISH_STOP:
      return "stop";
    default:
      return nullptr;
  }
}

std::string finishReasonJson(int32_t reason) {
  const char* name = finishReasonName(reason);
  return name ? std::string("\"") + name + "\"" : std::string("null");
}

}  // namespace manifold::chat
