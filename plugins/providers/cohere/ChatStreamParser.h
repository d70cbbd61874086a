// Parses one streamed Cohere v2 chat response: SSE framing, then each event's
// JSON into canonical events.
#pragma once

#include <manifold/plugin.hpp>
#include <manifold/sse.hpp>

#include <string_view>

#include "EventTranslator.h"

namespace cohere {

class ChatStreamParser : public manifold::StreamParser {
 public:
  /// A single buffered event may not exceed this many bytes.
  static constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

  explicit ChatStreamParser(manifold::EventSink sink) : sink_(sink), sse_(kMaxEventBytes) {}

  /// Throws manifold::Error: MF_ERR_UNAVAILABLE (retryable) for an event that
  /// is not a JSON object, MF_ERR_INTERNAL (retryable) for an oversized one.
  void feed(std::string_view bytes) override;
  /// Delivers a last event that lacked its blank line. A body that ends
  /// without message-end still succeeds, with no finish event: the host
  /// decides what an unfinished answer means.
  void finish() override;

 private:
  bool onData(std::string_view data);
  void check(manifold::sse::SseParser::Status status);

  manifold::EventSink sink_;
  manifold::sse::SseParser sse_;
  StreamTranslator translator_;
  bool ended_ = false;      // message-end, or the sink stopped
  bool malformed_ = false;  // the event just read was not a JSON object
};

}  // namespace cohere
