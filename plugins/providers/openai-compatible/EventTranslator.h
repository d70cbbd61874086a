// OpenAI chat-completions JSON -> canonical events (plugin.h's mf_event).
#pragma once

#include <manifold/event_stream.hpp>
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

namespace openai_compatible {

/// Whether to keep reading after a translated object. Stop: the sink wants no more events, or the
/// upstream reported an error.
using Flow = manifold::sse::Flow;

/// One streamed chat.completion.chunk. Emits, in order: reasoning, text,
/// tool-call deltas, usage, finish; an in-band {"error": ...} emits one error
/// event instead and stops.
Flow translateChunk(const manifold::json::Value& chunk, manifold::EventSink& sink);

/// One whole (non-streamed) chat.completion, in the same order.
Flow translateCompletion(const manifold::json::Value& completion, manifold::EventSink& sink);

}  // namespace openai_compatible
