#include "OpenAiWire.h"

#include <cstdio>

namespace manifold::test {

OpenAiWire::OpenAiWire(std::string id, std::string model, bool includeUsage)
    : id_(std::move(id)), model_(std::move(model)), includeUsage_(includeUsage) {}

std::string OpenAiWire::roleChunk() const {
  return chunk(R"({"role":"assistant","content":""})", "");
}

std::string OpenAiWire::contentChunk(const std::string& text) const {
  return chunk(R"({"content":)" + quote(text) + "}", "");
}

std::string OpenAiWire::toolCallStartChunk(const std::string& name) const {
  return chunk(R"({"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":)" +
                   quote(name) + R"(,"arguments":""}}]})",
               "");
}

std::string OpenAiWire::toolArgumentsChunk(const std::string& piece) const {
  return chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":)" + quote(piece) + "}}]}", "");
}

std::string OpenAiWire::finishChunk(const std::string& reason) const {
  return chunk("{}", reason);
}

std::string OpenAiWire::usageChunk(int promptTokens, int completionTokens, int cachedTokens) const {
  return "data: " + header("chat.completion.chunk") + R"("choices":[],"usage":)" +
         usage(promptTokens, completionTokens, cachedTokens) + "}\n\n";
}

std::string OpenAiWire::doneFrame() {
  return "data: [DONE]\n\n";
}

std::string OpenAiWire::keepAliveComment() {
  return ": keep-alive\n\n";
}

std::string OpenAiWire::malformedFrame() {
  return "data: {\"choices\":[{\"delta\":{\"content\":\n\n";
}

std::string OpenAiWire::completion(const std::string& text, const std::string& toolCallName,
                                   const std::string& finishReason, int promptTokens,
                                   int completionTokens, int cachedTokens) const {
  std::string message;
  if (toolCallName.empty()) {
    message = R"({"role":"assistant","content":)" + quote(text) + "}";
  } else {
    message =
        R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",)"
        R"("function":{"name":)" +
        quote(toolCallName) + R"(,"arguments":)" + quote(text) + "}}]}";
  }
  return header("chat.completion") + R"("choices":[{"index":0,"message":)" + message +
         R"(,"finish_reason":)" + quote(finishReason) + R"(}],"usage":)" +
         usage(promptTokens, completionTokens, cachedTokens) + "}";
}

std::string OpenAiWire::errorBody(int status, const std::string& message) {
  std::string type = status >= 500 ? "server_error" : "invalid_request_error";
  std::string code = "null";
  if (status == 429) {
    type = "requests";
    code = quote("rate_limit_exceeded");
  } else if (status == 401) {
    code = quote("invalid_api_key");
  }
  return R"({"error":{"message":)" + quote(message) + R"(,"type":)" + quote(type) +
         R"(,"param":null,"code":)" + code + "}}";
}

std::string OpenAiWire::quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned char>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string OpenAiWire::chunk(const std::string& delta, const std::string& finishReason) const {
  return "data: " + header("chat.completion.chunk") + R"("choices":[{"index":0,"delta":)" + delta +
         R"(,"finish_reason":)" + (finishReason.empty() ? "null" : quote(finishReason)) + "}]" +
         (includeUsage_ ? R"(,"usage":null)" : "") + "}\n\n";
}

std::string OpenAiWire::header(const char* object) const {
  return R"({"id":)" + quote(id_) + R"(,"object":")" + object + R"(","created":)" +
         std::to_string(kCreated) + R"(,"model":)" + quote(model_) + ",";
}

std::string OpenAiWire::usage(int promptTokens, int completionTokens, int cachedTokens) {
  std::string out = R"({"prompt_tokens":)" + std::to_string(promptTokens) +
                    R"(,"completion_tokens":)" + std::to_string(completionTokens) +
                    R"(,"total_tokens":)" + std::to_string(promptTokens + completionTokens);
  if (cachedTokens > 0)
    out += R"(,"prompt_tokens_details":{"cached_tokens":)" + std::to_string(cachedTokens) + "}";
  return out + "}";
}

}  // namespace manifold::test
