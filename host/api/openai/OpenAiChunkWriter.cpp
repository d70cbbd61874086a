#include "api/openai/OpenAiChunkWriter.h"

#include <manifold/json.hpp>

#include "plugins/AbiStrings.h"

namespace manifold::api {
namespace {

using manifold::json::quoted;

// A tool-call delta: id and name only on the fragment that carries them.
std::string toolCallDeltaJson(int32_t index, const std::string& id, const std::string& name,
                              const std::string& arguments) {
  std::string out = "{\"index\":" + std::to_string(index);
  if (!id.empty()) out += ",\"id\":" + quoted(id) + ",\"type\":\"function\"";
  out += ",\"function\":{";
  if (!name.empty()) out += "\"name\":" + quoted(name) + ",";
  out += "\"arguments\":" + quoted(arguments) + "}}";
  return out;
}

int64_t orZero(int64_t v) {
  return v < 0 ? 0 : v;
}

}  // namespace

std::string usageJson(const chat::AnswerAccumulator& answer) {
  const chat::CanonicalEvent& u = answer.usage();
  const int64_t prompt = orZero(u.promptTokens), completion = orZero(u.completionTokens);
  return "{\"prompt_tokens\":" + std::to_string(prompt) +
         ",\"completion_tokens\":" + std::to_string(completion) +
         ",\"total_tokens\":" + std::to_string(prompt + completion) +
         ",\"prompt_tokens_details\":{\"cached_tokens\":" + std::to_string(orZero(u.cachedTokens)) +
         "},\"completion_tokens_details\":{\"reasoning_tokens\":" +
         std::to_string(orZero(u.reasoningTokens)) + "}}";
}

OpenAiChunkWriter::OpenAiChunkWriter(std::ostream& out, std::string id, std::string model,
                                     int64_t created)
    : out_(out) {
  prefix_ = "{\"id\":" + quoted(id) +
            ",\"object\":\"chat.completion.chunk\",\"created\":" + std::to_string(created) +
            ",\"model\":" + quoted(model) + ",";
}

bool OpenAiChunkWriter::writeData(const std::string& payload) {
  out_ << "data: " << payload << "\n\n";
  out_.flush();
  return out_.good();
}

bool OpenAiChunkWriter::writeChunk(const std::string& deltaJson, const char* finishReason) {
  std::string chunk = prefix_ + "\"choices\":[{\"index\":0,\"delta\":" + deltaJson +
                      ",\"logprobs\":null,\"finish_reason\":" +
                      (finishReason ? quoted(finishReason) : std::string("null")) + "}]}";
  return writeData(chunk);
}

bool OpenAiChunkWriter::writeRole() {
  return writeChunk("{\"role\":\"assistant\",\"content\":\"\"}", nullptr);
}

bool OpenAiChunkWriter::writeEvent(const chat::CanonicalEvent& event) {
  using Type = chat::CanonicalEvent::Type;
  switch (event.type) {
    case Type::TextDelta:
      return event.text.empty() || writeChunk("{\"content\":" + quoted(event.text) + "}", nullptr);
    case Type::ReasoningDelta:
      return event.text.empty() ||
             writeChunk("{\"reasoning_content\":" + quoted(event.text) + "}", nullptr);
    case Type::ToolCallDelta:
      return writeChunk(
          "{\"tool_calls\":[" +
              toolCallDeltaJson(event.toolIndex, event.toolCallId, event.toolName, event.text) +
              "]}",
          nullptr);
    default:
      return true;
  }
}

bool OpenAiChunkWriter::writeFinish(int32_t finishReason, const chat::AnswerAccumulator* usage) {
  if (!writeChunk("{}", chat::finishReasonName(finishReason))) return false;
  if (usage && !writeData(prefix_ + "\"choices\":[],\"usage\":" + usageJson(*usage) + "}"))
    return false;
  return writeData("[DONE]");
}

bool OpenAiChunkWriter::writeError(const mf_error& error) {
  const std::string message = plugins::errorMessage(error);
  return writeData(
      "{\"error\":{\"message\":" + quoted(message.empty() ? "upstream failed" : message) +
      ",\"type\":\"api_error\",\"param\":null,\"code\":" +
      quoted(chat::openAiErrorCode(error.code)) + "}}");
}

std::string OpenAiChunkWriter::completionJson(const std::string& id, const std::string& model,
                                              int64_t created,
                                              const chat::AnswerAccumulator& answer) {
  std::string message = "{\"role\":\"assistant\",\"content\":";
  message += answer.text().empty() && !answer.toolCalls().empty() ? "null" : quoted(answer.text());
  if (!answer.reasoning().empty())
    message += ",\"reasoning_content\":" + quoted(answer.reasoning());
  if (!answer.toolCalls().empty()) {
    message += ",\"tool_calls\":[";
    bool first = true;
    for (const auto& [index, call] : answer.toolCalls()) {
      if (!first) message += ",";
      first = false;
      message += "{\"id\":" + quoted(call.id) +
                 ",\"type\":\"function\",\"function\":{\"name\":" + quoted(call.name) +
                 ",\"arguments\":" + quoted(call.arguments) + "}}";
    }
    message += "]";
  }
  message += "}";
  return "{\"id\":" + quoted(id) +
         ",\"object\":\"chat.completion\",\"created\":" + std::to_string(created) +
         ",\"model\":" + quoted(model) + ",\"choices\":[{\"index\":0,\"message\":" + message +
         ",\"logprobs\":null,\"finish_reason\":" + chat::finishReasonJson(answer.finishReason()) +
         "}],\"usage\":" + usageJson(answer) + "}";
}

}  // namespace manifold::api
