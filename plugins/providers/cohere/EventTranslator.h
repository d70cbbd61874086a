// Cohere v2 chat JSON -> canonical events (plugin.h's mf_event).
#pragma once

#include <manifold/event_stream.hpp>
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <string_view>

namespace cohere {

/// Whether to keep reading after a translated event. Stop: message-end arrived, or the sink wants
/// no more events.
using Flow = manifold::sse::Flow;

/// Translates the events of one stream. It counts tool calls, because Cohere
/// numbers its content blocks and tool calls together while canonical tool
/// indexes count tool calls only.
class StreamTranslator {
 public:
  /// One event: `type` is its data's "type" (or, lacking one, its SSE event
  /// name). Unknown types are ignored.
  Flow translate(std::string_view type, const manifold::json::Value& event,
                 manifold::EventSink& sink);

 private:
  int32_t toolCalls_ = 0;
};

/// One whole (non-streamed) response: reasoning, text, tool calls, usage,
/// then finish, or an error event for finish_reason ERROR or TIMEOUT.
void translateResponse(const manifold::json::Value& response, manifold::EventSink& sink);

}  // namespace cohere
