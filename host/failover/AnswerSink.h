#pragma once

#include <manifold/plugin.h>

#include <string>
#include <vector>

#include "chat/AnswerAccumulator.h"
#include "chat/CanonicalEvent.h"

namespace manifold::failover {

/// An attempt the walk sent to an engine before the one that answered.
struct EarlierAttempt {
  std::string engineId;
  std::string outcome;  ///< failed, rejected
  std::string reason;   ///< as the attempts table has it: providers' words withheld
};

/// Which engine answered and how the chain got there.
struct RouteInfo {
  std::string engineId;
  std::string providerId;
  std::string providerVersion;
  std::string mode;
  int attempts = 0;
  /// The attempts before this engine's, in order; skipped steps are not attempts.
  std::vector<EarlierAttempt> earlier;
  /// The task the turn started instead of a chat (x-manifold-task), or "".
  std::string taskId;
  /// The conversation the turn belongs to (x-manifold-conversation), or "",
  /// and how many of its earlier turns were sent with this one.
  std::string conversationId;
  int historyTurns = 0;
};

/// Where a committed answer goes: an egress codec (OpenAI SSE, OpenAI JSON,
/// and later others). The engine calls begin() once, when the answer commits:
/// at the first content event when streaming, or when the whole answer is in.
/// Every method returns false once the client has gone away.
class AnswerSink {
 public:
  virtual ~AnswerSink() = default;
  virtual bool streaming() const = 0;
  virtual bool begin(const RouteInfo& route) = 0;
  virtual bool event(const chat::CanonicalEvent& event) = 0;  ///< streaming only
  /// The answer is complete.
  virtual void end(const chat::AnswerAccumulator& answer) = 0;
  /// The committed answer failed: say so explicitly, never end it as a success.
  virtual void abort(const mf_error& error) = 0;

  /// Whether the answer can carry task events (the native stream does);
  /// elsewhere a task is told as a short assistant message.
  virtual bool streamsTaskEvents() const { return false; }
  /// One task event, between begin() and end(): `type` is task,
  /// task_progress, task_state or task_result; `fields` its JSON members
  /// after "type" (`"id":"task_..",...`). Returns false once the client has
  /// gone away.
  virtual bool taskEvent(const char* type, const std::string& fields) {
    (void)type, (void)fields;
    return true;
  }

  /// Whether the answer can carry the gateway's own tool events (the native
  /// stream does): sources (the live pre-step's results), tool_call and
  /// tool_result (the tool loop's calls of gateway tools).
  virtual bool streamsToolEvents() const { return false; }
  /// One tool event, between begin() and end(), as taskEvent. Returns false
  /// once the client has gone away.
  virtual bool toolEvent(const char* type, const std::string& fields) {
    (void)type, (void)fields;
    return true;
  }

  /// Whether the answer can carry an `image` event (the native stream
  /// does); elsewhere a picture is told as a markdown image link.
  virtual bool streamsImageEvents() const { return false; }
  /// The image event, between begin() and end(): `fields` are its JSON
  /// members after "type" (`"url":"..","mime":".."`). Returns false once the
  /// client has gone away.
  virtual bool imageEvent(const std::string& fields) {
    (void)fields;
    return true;
  }
  /// Whether the answer can carry events after its end (the native stream's
  /// `suggestions`).
  virtual bool streamsFollowUps() const { return false; }
  /// One event after end(), as taskEvent. Returns false once the client has
  /// gone away.
  virtual bool followUpEvent(const char* type, const std::string& fields) {
    (void)type, (void)fields;
    return true;
  }
};

}  // namespace manifold::failover
