// Gemini GenerateContentResponse JSON -> canonical events (plugin.h's mf_event).
#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <optional>

namespace gemini {

/// Translates the responses of one answer: every chunk of a stream, or the
/// one body of a non-streamed call. Gemini repeats usage on every chunk and
/// sends no end marker, so usage and the finish are held back until end().
class EventTranslator {
 public:
  explicit EventTranslator(manifold::EventSink sink) : sink_(sink) {}

  /// Emits the response's reasoning, text and tool calls, in part order.
  /// Returns false when nothing more should be read: the sink refused an
  /// event, or the response reported an error, a blocked prompt or an
  /// unusable finish reason (each emitted as one error event).
  bool onResponse(const manifold::json::Value& response);

  /// The body ended: emits the last usage seen, then the finish, if any.
  void end();

 private:
  bool onPart(const manifold::json::Value& part);
  bool onFinishReason(const std::string& reason);

  manifold::EventSink sink_;
  int32_t toolCalls_ = 0;  // function calls so far: the next one's index
  int32_t finish_ = 0;     // MF_FINISH_*, 0 until a finishReason arrives
  std::optional<manifold::Usage> usage_;
};

}  // namespace gemini
