// Parses one streamed chat-completions response: each SSE event's JSON chunk
// into canonical events (framing and malformed events:
// manifold::sse::JsonEventStream). A body that ends without "[DONE]" still
// succeeds: the host decides what an unfinished answer means.
#pragma once

#include <manifold/event_stream.hpp>
#include <manifold/plugin.hpp>

#include <optional>
#include <string_view>

#include "EventTranslator.h"

namespace openai_compatible {

class ChatStreamParser : public manifold::sse::JsonEventStream {
 public:
  /// A single buffered event may not exceed this many bytes.
  static constexpr size_t kMaxEventBytes = 1024 * 1024;

  explicit ChatStreamParser(manifold::EventSink sink)
      : JsonEventStream("openai-compatible", kMaxEventBytes), sink_(sink) {}

 private:
  Flow onEvent(std::string_view /*eventName*/, const manifold::json::Value& chunk) override {
    return translateChunk(chunk, sink_);
  }

  std::optional<Flow> onOtherData(std::string_view /*eventName*/, std::string_view data) override {
    if (data == "[DONE]") return Flow::Stop;
    return std::nullopt;
  }

  manifold::EventSink sink_;
};

}  // namespace openai_compatible
