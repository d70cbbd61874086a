// Parses one streamed Cohere v2 chat response: each SSE event's JSON into
// canonical events (framing and malformed events: manifold::sse::JsonEventStream).
// A body that ends without message-end still succeeds, with no finish event:
// the host decides what an unfinished answer means.
#pragma once

#include <manifold/event_stream.hpp>
#include <manifold/plugin.hpp>

#include <string_view>

#include "EventTranslator.h"

namespace cohere {

class ChatStreamParser : public manifold::sse::JsonEventStream {
 public:
  /// A single buffered event may not exceed this many bytes.
  static constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

  explicit ChatStreamParser(manifold::EventSink sink)
      : JsonEventStream("cohere", kMaxEventBytes), sink_(sink) {}

 private:
  // The data's "type" is authoritative; the SSE event name is only a fallback.
  Flow onEvent(std::string_view eventName, const manifold::json::Value& event) override {
    const manifold::json::Value& type = event["type"];
    return translator_.translate(type.isString() ? type.asString() : eventName, event, sink_);
  }

  manifold::EventSink sink_;
  StreamTranslator translator_;
};

}  // namespace cohere
