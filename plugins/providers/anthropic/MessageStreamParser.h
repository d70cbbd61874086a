// Parses one streamed Messages response: SSE framing, then each event's JSON
// into canonical events.
#pragma once

#include <manifold/plugin.hpp>
#include <manifold/sse.hpp>

#include <string_view>

#include "EventTranslator.h"

namespace anthropic {

class MessageStreamParser : public manifold::StreamParser {
 public:
  /// A single buffered event may not exceed this many bytes.
  static constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

  explicit MessageStreamParser(manifold::EventSink sink) : events_(sink), sse_(kMaxEventBytes) {}

  /// Throws manifold::Error MF_ERR_INTERNAL (retryable) for an event that is
  /// not a JSON object or is larger than kMaxEventBytes.
  void feed(std::string_view bytes) override;
  /// Delivers a last event that lacked its blank line. Anthropic always ends
  /// a stream with message_stop, so a body that ends without one was cut:
  /// that throws MF_ERR_UNAVAILABLE (retryable), as a connection cut would.
  void finish() override;

 private:
  bool onData(std::string_view data);
  void check(manifold::sse::SseParser::Status status);

  EventTranslator events_;
  manifold::sse::SseParser sse_;
  bool ended_ = false;      // message_stop, an error event, or the sink stopped
  bool malformed_ = false;  // the event just read was not a JSON object
};

}  // namespace anthropic
