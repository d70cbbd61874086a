#pragma once

#include <string>

namespace manifold::test {

/// Formats one answer in OpenAI's chat-completions wire format, compact and
/// byte-for-byte deterministic (a fixed `created`), so tests can compare
/// whole streams.
class OpenAiWire {
 public:
  static constexpr long kCreated = 1700000000;

  /// includeUsage mirrors the request's stream_options.include_usage: every
  /// chunk then carries "usage":null and usageChunk() is sent last.
  OpenAiWire(std::string id, std::string model, bool includeUsage);

  bool includesUsage() const { return includeUsage_; }

  // One SSE frame each, "data: ...\n\n".
  std::string roleChunk() const;
  std::string contentChunk(const std::string& text) const;
  std::string toolCallStartChunk(const std::string& name) const;
  std::string toolArgumentsChunk(const std::string& piece) const;
  std::string finishChunk(const std::string& reason) const;
  std::string usageChunk(int promptTokens, int completionTokens, int cachedTokens = 0) const;
  static std::string doneFrame();
  static std::string keepAliveComment();
  static std::string malformedFrame();

  /// A whole non-streaming chat.completion. An empty toolCallName means text.
  std::string completion(const std::string& text, const std::string& toolCallName,
                         const std::string& finishReason, int promptTokens, int completionTokens,
                         int cachedTokens = 0) const;
  /// {"error":{"message","type","param","code"}} shaped the way OpenAI shapes
  /// errors for this status.
  static std::string errorBody(int status, const std::string& message);
  /// A JSON string literal, quotes included.
  static std::string quote(const std::string& text);

 private:
  std::string chunk(const std::string& delta, const std::string& finishReason) const;
  std::string header(const char* object) const;
  static std::string usage(int promptTokens, int completionTokens, int cachedTokens);

  std::string id_;
  std::string model_;
  bool includeUsage_;
};

}  // namespace manifold::test
