// Parses one streamed Gemini response (streamGenerateContent?alt=sse): each
// SSE event's GenerateContentResponse into canonical events (framing and
// malformed events: manifold::sse::JsonEventStream).
#pragma once

#include <manifold/event_stream.hpp>
#include <manifold/plugin.hpp>

#include <string_view>

#include "EventTranslator.h"

namespace gemini {

class GeminiStreamParser : public manifold::sse::JsonEventStream {
 public:
  /// A single buffered event may not exceed this many bytes. Generous,
  /// because an image-generating model sends whole images inline.
  static constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

  explicit GeminiStreamParser(manifold::EventSink sink)
      : JsonEventStream("gemini", kMaxEventBytes), translator_(sink) {}

 private:
  Flow onEvent(std::string_view /*eventName*/, const manifold::json::Value& response) override {
    return translator_.onResponse(response) ? Flow::Continue : Flow::Stop;
  }

  // Gemini sends no end marker: the end of the body is the end of the
  // answer, so this emits the held-back usage and finish.
  void onEnd() override { translator_.end(); }

  EventTranslator translator_;
};

}  // namespace gemini
