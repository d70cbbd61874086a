#pragma once

#include <manifold/json.hpp>
#include <manifold/sse.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mcp {

/// Reads the body of one Streamable HTTP reply, fed chunk by chunk as it
/// arrives: a JSON body (one message or a batch), or an event stream whose
/// events carry messages. It keeps the JSON-RPC response whose id is the
/// request's and skips everything else (notifications/progress, log
/// messages, the empty priming events of resumable streams).
class McpReply {
 public:
  McpReply(int64_t requestId, size_t maxBytes);

  /// False when reading can stop: the response arrived or the body is too large.
  bool feed(std::string_view chunk);
  /// The body ended.
  void finish();

  /// The JSON-RPC response (an object with "result" or "error"), if one came.
  const std::optional<manifold::json::Value>& response() const { return response_; }
  /// An error the server could not tie to a request ("id": null), such as
  /// the SDK's "Bad Request: No valid session ID provided".
  const std::optional<manifold::json::Value>& unaddressedError() const { return unaddressed_; }
  bool tooLarge() const { return tooLarge_; }
  bool wasEventStream() const { return mode_ == Mode::Events; }
  /// The stream's last event id and retry delay (SSE "id:" and "retry:"),
  /// which resuming it with GET and Last-Event-ID needs.
  const std::string& lastEventId() const { return lastEventId_; }
  int64_t retryMs() const { return retryMs_; }
  /// The body's first bytes, for messages about a body that made no sense.
  const std::string& start() const { return start_; }

 private:
  enum class Mode { Unknown, Json, Events };

  bool feedEvents(std::string_view bytes);
  void take(const manifold::json::Value& message);
  bool onEvent(std::string_view data);
  void scanFields(std::string_view chunk);

  int64_t requestId_;
  size_t maxBytes_;
  Mode mode_ = Mode::Unknown;
  std::string json_;
  manifold::sse::SseParser events_;
  std::string start_;
  std::string line_;  ///< the stream's current line, for scanFields
  std::string lastEventId_;
  int64_t retryMs_ = -1;
  std::optional<manifold::json::Value> response_;
  std::optional<manifold::json::Value> unaddressed_;
  bool tooLarge_ = false;
};

}  // namespace mcp
