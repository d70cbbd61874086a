#include "EventTranslator.h"

#include <manifold/adapter.hpp>

#include <algorithm>
#include <string>

#include "ErrorClassifier.h"

namespace anthropic {
namespace {

using manifold::json::Value;

Flow flow(bool more) {
  return more ? Flow::Continue : Flow::Stop;
}

int32_t finishReason(const std::string& reason) {
  if (reason == "max_tokens" || reason == "model_context_window_exceeded") return MF_FINISH_LENGTH;
  if (reason == "tool_use") return MF_FINISH_TOOL_CALLS;
  if (reason == "refusal") return MF_FINISH_CONTENT_FILTER;
  return MF_FINISH_STOP;  // end_turn, stop_sequence, pause_turn
}

}  // namespace

Flow EventTranslator::onEvent(const Value& event) {
  const std::string& type = event["type"].asString();
  if (type == "message_start") return flow(usage(event["message"]["usage"]));
  if (type == "content_block_start")
    return flow(blockStart(event["index"].asInt(-1), event["content_block"]));
  if (type == "content_block_delta")
    return flow(blockDelta(event["index"].asInt(-1), event["delta"]));
  if (type == "message_delta")
    return flow(usage(event["usage"]) && finish(event["delta"]["stop_reason"]));
  if (type == "message_stop") return Flow::Stop;
  if (type == "error") return error(event["error"]), Flow::Stop;
  return Flow::Continue;  // ping, content_block_stop, and types newer than this adapter
}

Flow EventTranslator::onMessage(const Value& message) {
  if (message["type"].asString() == "error") return error(message["error"]), Flow::Stop;
  for (const Value& block : message["content"].asArray()) {
    const std::string& type = block["type"].asString();
    bool more = true;
    if (type == "text")
      more = text(block["text"]);
    else if (type == "thinking")
      more = reasoning(block["thinking"]);
    else if (type == "tool_use")
      more = sink_.toolCall(tools_++, block["id"].asString(), block["name"].asString(),
                            manifold::json::stringify(block["input"]));
    if (!more) return Flow::Stop;
  }
  return flow(usage(message["usage"]) && finish(message["stop_reason"]));
}

// A streamed tool_use block starts with an empty input: the arguments follow
// as input_json_delta fragments. redacted_thinking carries nothing readable.
bool EventTranslator::blockStart(int64_t index, const Value& block) {
  const std::string& type = block["type"].asString();
  if (type == "text") return text(block["text"]);
  if (type == "thinking") return reasoning(block["thinking"]);
  if (type != "tool_use") return true;
  const int32_t tool = tools_++;
  toolOfBlock_[index] = tool;
  return sink_.toolCall(tool, block["id"].asString(), block["name"].asString(), "");
}

bool EventTranslator::blockDelta(int64_t index, const Value& delta) {
  const std::string& type = delta["type"].asString();
  if (type == "text_delta") return text(delta["text"]);
  if (type == "thinking_delta") return reasoning(delta["thinking"]);
  if (type != "input_json_delta") return true;  // signature_delta, citations_delta, ...
  const auto tool = toolOfBlock_.find(index);
  const std::string& fragment = delta["partial_json"].asString();
  if (tool == toolOfBlock_.end() || fragment.empty()) return true;
  return sink_.toolCall(tool->second, "", "", fragment);
}

// Counts are cumulative: a later event repeats or raises earlier ones.
bool EventTranslator::usage(const Value& usage) {
  if (!usage.isObject()) return true;
  const auto update = [&usage](int64_t& count, const char* name) {
    if (usage[name].isNumber()) count = usage[name].asInt();
  };
  update(inputTokens_, "input_tokens");
  update(cacheWriteTokens_, "cache_creation_input_tokens");
  update(cacheReadTokens_, "cache_read_input_tokens");
  update(outputTokens_, "output_tokens");
  manifold::Usage u;
  if (inputTokens_ >= 0)  // the canonical prompt count includes cache reads and writes
    u.promptTokens = inputTokens_ + std::max<int64_t>(cacheWriteTokens_, 0) +
                     std::max<int64_t>(cacheReadTokens_, 0);
  u.completionTokens = outputTokens_;
  u.cachedTokens = cacheReadTokens_;
  u.cacheWriteTokens = cacheWriteTokens_;
  return sink_.usage(u);
}

bool EventTranslator::finish(const Value& stopReason) {
  return !stopReason.isString() || sink_.finish(finishReason(stopReason.asString()));
}

// An error after the 200, e.g. overloaded_error mid-stream.
void EventTranslator::error(const Value& error) {
  const std::string& type = error["type"].asString();
  const std::string& message = error["message"].asString();
  const ErrorClass found =
      classOfErrorType(type, message).value_or(ErrorClass{MF_ERR_UNAVAILABLE, true});
  std::string said = type.empty() ? message : type + ": " + message;
  if (said.empty()) said = "upstream reported an error without a message";
  sink_.error(found.code, found.retryable, manifold::adapter::printable(withoutKeys(said)));
}

bool EventTranslator::text(const Value& text) {
  return text.asString().empty() || sink_.text(text.asString());
}

bool EventTranslator::reasoning(const Value& text) {
  return text.asString().empty() || sink_.reasoning(text.asString());
}

}  // namespace anthropic
