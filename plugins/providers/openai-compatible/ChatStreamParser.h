// Parses one streamed chat-completions response: SSE framing, then each
// event's JSON chunk into canonical events.
#pragma once

#include <manifold/plugin.hpp>

#include <string_view>

#include <manifold/sse.hpp>

namespace openai_compatible {

class ChatStreamParser : public manifold::StreamParser {
 public:
  /// A single buffered event may not exceed this many bytes.
  static constexpr size_t kMaxEventBytes = 1024 * 1024;

  explicit ChatStreamParser(manifold::EventSink sink) : sink_(sink), sse_(kMaxEventBytes) {}

  /// Throws manifold::Error: MF_ERR_UNAVAILABLE (retryable) for an event that
  /// is not a JSON object, MF_ERR_INTERNAL (retryable) for an oversized event.
  void feed(std::string_view bytes) override;
  /// Delivers a last event that lacked its blank line. Succeeds without
  /// "[DONE]": the host decides what an unfinished answer means.
  void finish() override;

 private:
  bool onData(std::string_view data);
  void check(manifold::sse::SseParser::Status status);

  manifold::EventSink sink_;
  manifold::sse::SseParser sse_;
  bool ended_ = false;      // [DONE], an in-band error, or the sink stopped
  bool malformed_ = false;  // the event just read was not a JSON object
};

}  // namespace openai_compatible
