#include "EventTranslator.h"

#include <string>

#include "ErrorClassifier.h"

namespace gemini {
namespace {

namespace json = manifold::json;
using json::Value;

// Gemini leaves out counts that are zero.
manifold::Usage usageOf(const Value& metadata) {
  manifold::Usage u;
  u.promptTokens = metadata["promptTokenCount"].asInt(0);
  u.reasoningTokens = metadata["thoughtsTokenCount"].asInt(0);
  // As in OpenAI's usage, completion tokens include the reasoning tokens.
  u.completionTokens = metadata["candidatesTokenCount"].asInt(0) + u.reasoningTokens;
  u.cachedTokens = metadata["cachedContentTokenCount"].asInt(0);
  return u;
}

// MF_FINISH_*, or 0 for a reason that means the answer is unusable.
int32_t finishCode(const std::string& reason) {
  if (reason == "STOP") return MF_FINISH_STOP;
  if (reason == "MAX_TOKENS") return MF_FINISH_LENGTH;
  for (const char* filtered : {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                               "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"})
    if (reason == filtered) return MF_FINISH_CONTENT_FILTER;
  return 0;  // MALFORMED_FUNCTION_CALL, OTHER, LANGUAGE, UNEXPECTED_TOOL_CALL, ...
}

}  // namespace

bool EventTranslator::onResponse(const Value& response) {
  if (const Value& error = response["error"]; error.isObject()) {
    const manifold::Error e = classifyInBandError(error);
    sink_.error(e.code(), e.retryable(), e.what());
    return false;
  }
  const Value& candidate = response["candidates"][0];
  const std::string& blocked = response["promptFeedback"]["blockReason"].asString();
  if (candidate.isNull() && !blocked.empty()) {
    sink_.error(MF_ERR_CONTENT_FILTER, false, "gemini: the prompt was blocked (" + blocked + ")");
    return false;
  }
  if (response["usageMetadata"].isObject()) usage_ = usageOf(response["usageMetadata"]);
  for (const Value& part : candidate["content"]["parts"].asArray())
    if (!onPart(part)) return false;
  const std::string& reason = candidate["finishReason"].asString();
  return reason.empty() || onFinishReason(reason);
}

bool EventTranslator::onPart(const Value& part) {
  if (const Value& call = part["functionCall"]; call.isObject()) {
    const int32_t index = toolCalls_++;
    const std::string& id = call["id"].asString();
    const std::string args = call["args"].isObject() ? json::stringify(call["args"]) : "{}";
    return sink_.toolCall(index, id.empty() ? "call_" + std::to_string(index) : id,
                          call["name"].asString(), args);
  }
  const std::string& text = part["text"].asString();
  if (text.empty()) return true;  // a signature-only part, inline data, code execution, ...
  return part["thought"].asBool() ? sink_.reasoning(text) : sink_.text(text);
}

bool EventTranslator::onFinishReason(const std::string& reason) {
  finish_ = finishCode(reason);
  if (finish_ != 0) return true;
  // The model failed to produce a usable answer; another attempt may well succeed.
  sink_.error(MF_ERR_UNAVAILABLE, true, "gemini: the answer ended with finishReason " + reason);
  return false;
}

void EventTranslator::end() {
  if (usage_ && !sink_.usage(*usage_)) return;
  if (finish_ == MF_FINISH_STOP && toolCalls_ > 0) finish_ = MF_FINISH_TOOL_CALLS;
  if (finish_ != 0) sink_.finish(finish_);
}

}  // namespace gemini
