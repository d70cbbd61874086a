#include "EventTranslator.h"

#include <string>

#include <manifold/adapter.hpp>

namespace openai_compatible {
using namespace manifold::adapter;
namespace {

namespace json = manifold::json;
using json::Value;

constexpr Flow flow(bool more) {
  return more ? Flow::Continue : Flow::Stop;
}

bool has(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

// An error reported inside a 200 response, e.g. a provider failing mid-stream.
bool emitInBandError(const Value& error, manifold::EventSink& sink) {
  const std::string code = codeText(error["code"]);
  const std::string type = codeText(error["type"]);
  std::string message = error.isString() ? error.asString() : error["message"].asString();
  if (message.empty()) message = "upstream reported an error in the response";
  int32_t errorCode = MF_ERR_INTERNAL;
  for (const std::string& key : {code, type}) {
    if (has(key, "rate_limit") || key == "429" || key == "too_many_requests")
      errorCode = MF_ERR_RATE_LIMITED;
    else if (has(key, "overloaded") || has(key, "server_error") || has(key, "unavailable") ||
             (key.size() == 3 && key[0] == '5'))
      errorCode = MF_ERR_UNAVAILABLE;
    if (errorCode != MF_ERR_INTERNAL) break;
  }
  return sink.error(errorCode, true, message);
}

// 0 for a reason that is not a finish (null); -1 for "the upstream failed".
int32_t finishReason(const std::string& reason) {
  if (reason.empty()) return 0;
  if (reason == "length" || reason == "model_length" || reason == "max_tokens")
    return MF_FINISH_LENGTH;
  if (reason == "tool_calls" || reason == "function_call") return MF_FINISH_TOOL_CALLS;
  if (reason == "content_filter") return MF_FINISH_CONTENT_FILTER;
  if (reason == "error" || reason == "insufficient_system_resource") return -1;
  return MF_FINISH_STOP;  // "stop", "eos", "end_turn" and other spellings of a normal end
}

bool emitFinish(const Value& reason, manifold::EventSink& sink) {
  const int32_t code = finishReason(reason.asString());
  if (code == 0) return true;
  if (code > 0) return sink.finish(code);
  sink.error(MF_ERR_UNAVAILABLE, true,
             "upstream ended the answer with finish_reason \"" + reason.asString() + "\"");
  return false;
}

int64_t count(const Value& v) {
  return v.isNumber() ? v.asInt(-1) : -1;
}

// Groq reports streamed usage under x_groq as well as (newer) at the top level.
bool emitUsage(const Value& root, manifold::EventSink& sink) {
  const Value& usage = root["usage"].isObject() ? root["usage"] : root["x_groq"]["usage"];
  if (!usage.isObject()) return true;
  manifold::Usage u;
  u.promptTokens = count(usage["prompt_tokens"]);
  u.completionTokens = count(usage["completion_tokens"]);
  u.cachedTokens = count(usage["prompt_tokens_details"]["cached_tokens"]);
  if (u.cachedTokens < 0) u.cachedTokens = count(usage["prompt_cache_hit_tokens"]);  // DeepSeek
  u.reasoningTokens = count(usage["completion_tokens_details"]["reasoning_tokens"]);
  return sink.usage(u);
}

// DeepSeek and others say reasoning_content; OpenRouter and Groq say reasoning.
const std::string& reasoningOf(const Value& message) {
  const std::string& content = message["reasoning_content"].asString();
  return content.empty() ? message["reasoning"].asString() : content;
}

bool emitToolCalls(const Value& calls, manifold::EventSink& sink) {
  for (size_t i = 0; i < calls.size(); ++i) {
    const Value& call = calls[i];
    const int32_t index = static_cast<int32_t>(call["index"].asInt(static_cast<int64_t>(i)));
    const std::string& id = call["id"].asString();
    const std::string& name = call["function"]["name"].asString();
    const std::string& arguments = call["function"]["arguments"].asString();
    if (id.empty() && name.empty() && arguments.empty()) continue;
    if (!sink.toolCall(index, id, name, arguments)) return false;
  }
  return true;
}

// The body shared by chunks (delta) and completions (message).
Flow translate(const Value& root, const char* messageKey, manifold::EventSink& sink) {
  if (const Value* error = root.find("error"); error && !error->isNull())
    return emitInBandError(*error, sink), Flow::Stop;
  const Value& choice = root["choices"][0];
  const Value& message = choice[messageKey];
  const std::string& reasoning = reasoningOf(message);
  if (!reasoning.empty() && !sink.reasoning(reasoning)) return Flow::Stop;
  const std::string& text = message["content"].asString();
  if (!text.empty() && !sink.text(text)) return Flow::Stop;
  if (!emitToolCalls(message["tool_calls"], sink)) return Flow::Stop;
  if (!emitUsage(root, sink)) return Flow::Stop;
  return flow(emitFinish(choice["finish_reason"], sink));
}

}  // namespace

Flow translateChunk(const Value& chunk, manifold::EventSink& sink) {
  return translate(chunk, "delta", sink);
}

Flow translateCompletion(const Value& completion, manifold::EventSink& sink) {
  return translate(completion, "message", sink);
}

}  // namespace openai_compatible
