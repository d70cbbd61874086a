#include "api/native/NativeEventWriter.h"

#include <manifold/json.hpp>

#include <cmath>

#include "api/openai/OpenAiChunkWriter.h"
#include "plugins/AbiStrings.h"

namespace manifold::api {
namespace {

using manifold::json::quoted;

std::string count(int64_t v) {
  return std::to_string(v < 0 ? 0 : v);
}

}  // namespace

bool NativeEventWriter::write(const char* type, const std::string& fields) {
  out_ << "event: " << type << "\ndata: {\"type\":\"" << type << "\"" << (fields.empty() ? "" : ",")
       << fields << "}\n\n";
  out_.flush();
  return out_.good();
}

bool NativeEventWriter::writeAutoRouted(const router::RouteDecision& decision,
                                        const std::string& servedBy) {
  std::string fields = "\"mode\":" + quoted(servedBy);
  if (decision.isPluginIntent())
    fields += ",\"intent\":" + quoted(decision.intent) + ",\"plugin\":" + quoted(decision.pluginId);
  fields += ",\"confidence\":" +
            json::stringify(json::Value(std::round(decision.confidence * 100) / 100));
  fields += ",\"rule\":" + quoted(decision.rule);
  return write("auto_routed", fields);
}

bool NativeEventWriter::writeAttempt(const failover::EarlierAttempt& attempt) {
  return write("attempt", "\"engine\":" + quoted(attempt.engineId) + ",\"outcome\":" +
                              quoted(attempt.outcome) + ",\"reason\":" + quoted(attempt.reason));
}

bool NativeEventWriter::writeBackend(const failover::RouteInfo& route) {
  return write(
      "backend",
      "\"engine\":" + quoted(route.engineId) + ",\"provider\":" + quoted(route.providerId) +
          ",\"provider_version\":" + quoted(route.providerVersion) +
          ",\"mode\":" + quoted(route.mode) + ",\"attempts\":" + std::to_string(route.attempts) +
          (route.conversationId.empty()
               ? ""
               : ",\"conversation_id\":" + quoted(route.conversationId) +
                     ",\"history_turns\":" + std::to_string(route.historyTurns)));
}

bool NativeEventWriter::writeEvent(const chat::CanonicalEvent& event) {
  using Type = chat::CanonicalEvent::Type;
  switch (event.type) {
    case Type::TextDelta:
      return event.text.empty() || write("token", "\"text\":" + quoted(event.text));
    case Type::ReasoningDelta:
      return event.text.empty() || write("thinking", "\"text\":" + quoted(event.text));
    case Type::ToolCallDelta: {
      std::string fields = "\"index\":" + std::to_string(event.toolIndex);
      if (!event.toolCallId.empty()) fields += ",\"id\":" + quoted(event.toolCallId);
      if (!event.toolName.empty()) fields += ",\"name\":" + quoted(event.toolName);
      return write("tool_call", fields + ",\"arguments\":" + quoted(event.text));
    }
    default:
      return true;
  }
}

bool NativeEventWriter::writeDone(const chat::AnswerAccumulator& answer) {
  const chat::CanonicalEvent& u = answer.usage();
  if (answer.hasUsage() &&
      !write("usage", "\"prompt_tokens\":" + count(u.promptTokens) +
                          ",\"completion_tokens\":" + count(u.completionTokens) +
                          ",\"cached_tokens\":" + count(u.cachedTokens) +
                          ",\"cache_write_tokens\":" + count(u.cacheWriteTokens) +
                          ",\"reasoning_tokens\":" + count(u.reasoningTokens)))
    return false;
  return write("done", "\"finish_reason\":" + chat::finishReasonJson(answer.finishReason()));
}

bool NativeEventWriter::writeError(const mf_error& error) {
  const std::string message = plugins::errorMessage(error);
  return write("error", "\"code\":" + quoted(chat::openAiErrorCode(error.code)) + ",\"message\":" +
                            quoted(message.empty() ? "upstream failed" : message) +
                            ",\"retryable\":" + (error.retryable ? "true" : "false"));
}

}  // namespace manifold::api
