#include "api/anthropic/AnthropicEventWriter.h"

#include <manifold/json.hpp>

#include "plugins/AbiStrings.h"

namespace manifold::api {
namespace {

using manifold::json::quoted;

int64_t orZero(int64_t v) {
  return v < 0 ? 0 : v;
}

// Anthropic counts cache reads and writes apart from input_tokens; the
// canonical prompt_tokens includes them.
std::string usageJson(const chat::AnswerAccumulator& answer) {
  const chat::CanonicalEvent& u = answer.usage();
  const int64_t cached = orZero(u.cachedTokens), written = orZero(u.cacheWriteTokens);
  const int64_t input = std::max<int64_t>(0, orZero(u.promptTokens) - cached - written);
  return "{\"input_tokens\":" + std::to_string(input) +
         ",\"output_tokens\":" + std::to_string(orZero(u.completionTokens)) +
         ",\"cache_creation_input_tokens\":" + std::to_string(written) +
         ",\"cache_read_input_tokens\":" + std::to_string(cached) + "}";
}

// A tool call's input: Anthropic requires an object. Arguments that are not
// an object are kept, under one key, rather than lost.
std::string toolInputJson(const std::string& arguments) {
  const std::optional<json::Value> parsed = json::parse(arguments);
  if (parsed && parsed->isObject()) return json::stringify(*parsed);
  return "{\"arguments\":" + quoted(arguments) + "}";
}

std::string stopReasonJson(int32_t finishReason) {
  const char* name = anthropicStopReason(finishReason);
  return name ? quoted(name) : std::string("null");
}

}  // namespace

const char* anthropicStopReason(int32_t finishReason) {
  switch (finishReason) {
    case MF_FINISH_LENGTH:
      return "max_tokens";
    case MF_FINISH_TOOL_CALLS:
      return "tool_use";
    case MF_FINISH_CONTENT_FILTER:
      return "refusal";
    case MF_FINISH_STOP:
      return "end_turn";
    default:
      return nullptr;
  }
}

std::string anthropicErrorType(int32_t code) {
  switch (code) {
    case MF_ERR_INVALID:
    case MF_ERR_CONTEXT_LENGTH:
    case MF_ERR_CONTENT_FILTER:
      return "invalid_request_error";
    case MF_ERR_NOT_FOUND:
      return "not_found_error";
    case MF_ERR_RATE_LIMITED:
      return "rate_limit_error";
    case MF_ERR_UNAVAILABLE:
    case MF_ERR_TIMEOUT:
      return "overloaded_error";
    default:
      return "api_error";
  }
}

AnthropicEventWriter::AnthropicEventWriter(std::ostream& out, std::string id, std::string model,
                                           bool thinking)
    : out_(out), id_(std::move(id)), model_(std::move(model)), thinking_(thinking) {}

bool AnthropicEventWriter::write(const char* name, const std::string& json) {
  out_ << "event: " << name << "\ndata: " << json << "\n\n";
  out_.flush();
  return out_.good();
}

bool AnthropicEventWriter::writeStart() {
  // Usage is not known yet: it follows in message_delta.
  return write("message_start",
               "{\"type\":\"message_start\",\"message\":{\"id\":" + quoted(id_) +
                   ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + quoted(model_) +
                   ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{"
                   "\"input_tokens\":0,\"output_tokens\":0}}}") &&
         write("ping", "{\"type\":\"ping\"}");
}

bool AnthropicEventWriter::closeBlock() {
  if (open_ == Block::None) return true;
  open_ = Block::None;
  return write("content_block_stop",
               "{\"type\":\"content_block_stop\",\"index\":" + std::to_string(blockIndex_) + "}");
}

bool AnthropicEventWriter::switchTo(Block block, const chat::CanonicalEvent& event) {
  const bool newTool = block == Block::ToolUse && event.toolIndex != toolIndex_;
  if (open_ == block && !newTool) return true;
  if (!closeBlock()) return false;
  open_ = block;
  ++blockIndex_;
  std::string start;
  switch (block) {
    case Block::Text:
      start = "{\"type\":\"text\",\"text\":\"\"}";
      break;
    case Block::Thinking:
      start = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";
      break;
    default:
      toolIndex_ = event.toolIndex;
      start = "{\"type\":\"tool_use\",\"id\":" + quoted(event.toolCallId) +
              ",\"name\":" + quoted(event.toolName) + ",\"input\":{}}";
      break;
  }
  return write("content_block_start",
               "{\"type\":\"content_block_start\",\"index\":" + std::to_string(blockIndex_) +
                   ",\"content_block\":" + start + "}");
}

bool AnthropicEventWriter::writeEvent(const chat::CanonicalEvent& event) {
  using Type = chat::CanonicalEvent::Type;
  std::string delta;
  switch (event.type) {
    case Type::TextDelta:
      if (event.text.empty()) return true;
      if (!switchTo(Block::Text, event)) return false;
      delta = "{\"type\":\"text_delta\",\"text\":" + quoted(event.text) + "}";
      break;
    case Type::ReasoningDelta:
      if (!thinking_ || event.text.empty()) return true;
      if (!switchTo(Block::Thinking, event)) return false;
      delta = "{\"type\":\"thinking_delta\",\"thinking\":" + quoted(event.text) + "}";
      break;
    case Type::ToolCallDelta:
      if (!switchTo(Block::ToolUse, event)) return false;
      if (event.text.empty()) return true;
      delta = "{\"type\":\"input_json_delta\",\"partial_json\":" + quoted(event.text) + "}";
      break;
    default:
      return true;
  }
  return write("content_block_delta",
               "{\"type\":\"content_block_delta\",\"index\":" + std::to_string(blockIndex_) +
                   ",\"delta\":" + delta + "}");
}

bool AnthropicEventWriter::writeFinish(const chat::AnswerAccumulator& answer) {
  return closeBlock() &&
         write("message_delta",
               std::string("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":") +
                   stopReasonJson(answer.finishReason()) +
                   ",\"stop_sequence\":null},\"usage\":" + usageJson(answer) + "}") &&
         write("message_stop", "{\"type\":\"message_stop\"}");
}

bool AnthropicEventWriter::writeError(const mf_error& error) {
  const std::string message = plugins::errorMessage(error);
  return write("error",
               "{\"type\":\"error\",\"error\":{\"type\":" + quoted(anthropicErrorType(error.code)) +
                   ",\"message\":" + quoted(message.empty() ? "upstream failed" : message) + "}}");
}

std::string AnthropicEventWriter::messageJson(const std::string& id, const std::string& model,
                                              const chat::AnswerAccumulator& answer,
                                              bool thinking) {
  std::string content;
  auto add = [&content](const std::string& block) {
    if (!content.empty()) content += ",";
    content += block;
  };
  if (thinking && !answer.reasoning().empty())
    add("{\"type\":\"thinking\",\"thinking\":" + quoted(answer.reasoning()) +
        ",\"signature\":\"\"}");
  if (!answer.text().empty()) add("{\"type\":\"text\",\"text\":" + quoted(answer.text()) + "}");
  for (const auto& [index, call] : answer.toolCalls())
    add("{\"type\":\"tool_use\",\"id\":" + quoted(call.id) + ",\"name\":" + quoted(call.name) +
        ",\"input\":" + toolInputJson(call.arguments) + "}");
  return "{\"id\":" + quoted(id) +
         ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + quoted(model) +
         ",\"content\":[" + content + "],\"stop_reason\":" + stopReasonJson(answer.finishReason()) +
         ",\"stop_sequence\":null,\"usage\":" + usageJson(answer) + "}";
}

}  // namespace manifold::api
