#include "EventTranslator.h"

#include <string>

namespace cohere {
namespace {

namespace json = manifold::json;
using json::Value;

constexpr Flow flow(bool more) {
  return more ? Flow::Continue : Flow::Stop;
}

// Empty fragments emit nothing.
bool reasoning(const std::string& fragment, manifold::EventSink& sink) {
  return fragment.empty() || sink.reasoning(fragment);
}
bool text(const std::string& fragment, manifold::EventSink& sink) {
  return fragment.empty() || sink.text(fragment);
}

// A content block: "thinking" from reasoning models, or answer "text".
bool emitContent(const Value& content, manifold::EventSink& sink) {
  return reasoning(content["thinking"].asString(), sink) && text(content["text"].asString(), sink);
}

int64_t count(const Value& v) {
  return v.isNumber() ? v.asInt(-1) : -1;
}

// "tokens" counts what the model saw; "billed_units" only what was charged.
bool emitUsage(const Value& usage, manifold::EventSink& sink) {
  const Value& tokens = usage["tokens"].isObject() ? usage["tokens"] : usage["billed_units"];
  if (!tokens.isObject()) return true;
  manifold::Usage u;
  u.promptTokens = count(tokens["input_tokens"]);
  u.completionTokens = count(tokens["output_tokens"]);
  return sink.usage(u);
}

// ERROR and TIMEOUT mean the upstream failed mid-answer: worth another try.
// `error` is what a streamed message-end says about it, if anything.
bool emitFinish(const std::string& reason, const std::string& error, manifold::EventSink& sink) {
  if (reason.empty()) return true;
  if (reason == "ERROR" || reason == "TIMEOUT") {
    sink.error(MF_ERR_UNAVAILABLE, true,
               error.empty() ? "cohere ended the answer with finish_reason \"" + reason + "\""
                             : "cohere: " + error);
    return false;
  }
  if (reason == "MAX_TOKENS") return sink.finish(MF_FINISH_LENGTH);
  if (reason == "TOOL_CALL") return sink.finish(MF_FINISH_TOOL_CALLS);
  return sink.finish(MF_FINISH_STOP);  // COMPLETE, STOP_SEQUENCE and reasons added later
}

// Streamed tool calls come one at a time, as an object; accept an array too.
const Value& oneCall(const Value& calls) {
  return calls.isArray() ? calls[0] : calls;
}

}  // namespace

Flow StreamTranslator::translate(std::string_view type, const Value& event,
                                 manifold::EventSink& sink) {
  const Value& message = event["delta"]["message"];
  if (type == "content-start" || type == "content-delta")
    return flow(emitContent(message["content"], sink));
  if (type == "tool-plan-delta") return flow(reasoning(message["tool_plan"].asString(), sink));
  if (type == "tool-call-start") {
    const Value& call = oneCall(message["tool_calls"]);
    return flow(sink.toolCall(toolCalls_++, call["id"].asString(),
                              call["function"]["name"].asString(),
                              call["function"]["arguments"].asString()));
  }
  if (type == "tool-call-delta") {
    const std::string& arguments =
        oneCall(message["tool_calls"])["function"]["arguments"].asString();
    const int32_t index = toolCalls_ > 0 ? toolCalls_ - 1 : 0;
    return flow(arguments.empty() || sink.toolCall(index, "", "", arguments));
  }
  if (type == "message-end") {
    const Value& delta = event["delta"];
    if (emitUsage(delta["usage"], sink))
      emitFinish(delta["finish_reason"].asString(), delta["error"].asString(), sink);
    return Flow::Stop;
  }
  return Flow::Continue;  // message-start, *-end, citations and types added later
}

void translateResponse(const Value& response, manifold::EventSink& sink) {
  const Value& message = response["message"];
  if (!reasoning(message["tool_plan"].asString(), sink)) return;
  for (const Value& part : message["content"].asArray())
    if (!emitContent(part, sink)) return;
  const Value& calls = message["tool_calls"];
  for (size_t i = 0; i < calls.size(); ++i) {
    const Value& function = calls[i]["function"];
    if (!sink.toolCall(static_cast<int32_t>(i), calls[i]["id"].asString(),
                       function["name"].asString(), function["arguments"].asString()))
      return;
  }
  if (emitUsage(response["usage"], sink))
    emitFinish(response["finish_reason"].asString(), "", sink);
}

}  // namespace cohere
