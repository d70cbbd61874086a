// Anthropic Messages events -> canonical events (plugin.h's mf_event).
#pragma once

#include <manifold/event_stream.hpp>
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <map>

namespace anthropic {

/// Whether to keep reading after a translated event. Stop: message_stop, an error event, or the
/// sink wants no more events.
using Flow = manifold::sse::Flow;

/// Translates the events of one response. It remembers which content blocks
/// are tool calls and the token counts so far, since Anthropic reports input
/// tokens at the start and output tokens at the end.
class EventTranslator {
 public:
  explicit EventTranslator(manifold::EventSink sink) : sink_(sink) {}

  /// One streamed event: the JSON object of an SSE data line. Types this
  /// adapter does not know are ignored, as Anthropic's versioning policy asks.
  Flow onEvent(const manifold::json::Value& event);

  /// A whole (non-streamed) message: its content blocks in order, then usage,
  /// then the finish.
  Flow onMessage(const manifold::json::Value& message);

 private:
  bool blockStart(int64_t index, const manifold::json::Value& block);
  bool blockDelta(int64_t index, const manifold::json::Value& delta);
  bool usage(const manifold::json::Value& usage);
  bool finish(const manifold::json::Value& stopReason);
  void error(const manifold::json::Value& error);
  bool text(const manifold::json::Value& text);
  bool reasoning(const manifold::json::Value& text);

  manifold::EventSink sink_;
  std::map<int64_t, int32_t> toolOfBlock_;  // content block index -> canonical tool index
  int32_t tools_ = 0;                       // tool_use blocks so far
  int64_t inputTokens_ = -1;
  int64_t cacheWriteTokens_ = -1;
  int64_t cacheReadTokens_ = -1;
  int64_t outputTokens_ = -1;
};

}  // namespace anthropic
