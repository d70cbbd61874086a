// Parses one streamed Gemini response (streamGenerateContent?alt=sse): SSE
// framing, then each event's GenerateContentResponse into canonical events.
#pragma once

#include <manifold/plugin.hpp>
#include <manifold/sse.hpp>

#include <string_view>

#include "EventTranslator.h"

namespace gemini {

class GeminiStreamParser : public manifold::StreamParser {
 public:
  /// A single buffered event may not exceed this many bytes. Generous,
  /// because an image-generating model sends whole images inline.
  static constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

  explicit GeminiStreamParser(manifold::EventSink sink) : translator_(sink), sse_(kMaxEventBytes) {}

  /// Throws manifold::Error MF_ERR_INTERNAL (retryable) for an event that is
  /// not a JSON object or that grows past the cap.
  void feed(std::string_view bytes) override;
  /// Gemini sends no end marker: the end of the body is the end of the
  /// answer, so this emits the held-back usage and finish.
  void finish() override;

 private:
  bool onData(std::string_view data);
  void check(manifold::sse::SseParser::Status status);

  EventTranslator translator_;
  manifold::sse::SseParser sse_;
  bool ended_ = false;      // an error event was emitted, or the sink stopped
  bool malformed_ = false;  // the event just read was not a JSON object
};

}  // namespace gemini
