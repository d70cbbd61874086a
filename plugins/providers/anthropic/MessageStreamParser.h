// Parses one streamed Messages response: each SSE event's JSON into canonical
// events (framing and malformed events: manifold::sse::JsonEventStream).
#pragma once

#include <manifold/event_stream.hpp>
#include <manifold/plugin.hpp>

#include <string_view>

#include "EventTranslator.h"

namespace anthropic {

class MessageStreamParser : public manifold::sse::JsonEventStream {
 public:
  /// A single buffered event may not exceed this many bytes.
  static constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

  explicit MessageStreamParser(manifold::EventSink sink)
      : JsonEventStream("anthropic", kMaxEventBytes), events_(sink) {}

 private:
  Flow onEvent(std::string_view /*eventName*/, const manifold::json::Value& event) override {
    return events_.onEvent(event);
  }

  // Anthropic always ends a stream with message_stop, so a body that ends
  // without one was cut: a retryable MF_ERR_UNAVAILABLE, as a connection cut.
  void onEnd() override {
    throw manifold::Error(MF_ERR_UNAVAILABLE, "anthropic: the stream ended before message_stop",
                          true);
  }

  EventTranslator events_;
};

}  // namespace anthropic
