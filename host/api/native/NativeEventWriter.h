#pragma once

#include <manifold/plugin.h>

#include <ostream>
#include <string>

#include "chat/AnswerAccumulator.h"
#include "chat/CanonicalEvent.h"
#include "failover/AnswerSink.h"
#include "router/IntentRouter.h"

namespace manifold::api {

/// Writes Manifold's native typed event stream (schemas/stream-events.schema.json):
/// every SSE event has an `event:` name equal to its data's "type", and
/// clients ignore types they do not know, so new types can be added without
/// breaking them. An answer is: auto_routed (when the router decided),
/// backend, then token / thinking / tool_call events, then usage and done;
/// or, after a failure once committed, error and no done.
class NativeEventWriter {
 public:
  explicit NativeEventWriter(std::ostream& out) : out_(out) {}

  /// Returns false once the client has gone away.
  bool writeAutoRouted(const router::RouteDecision& decision, const std::string& servedBy);
  /// One attempt before the answering engine's: its engine, outcome and reason.
  bool writeAttempt(const failover::EarlierAttempt& attempt);
  bool writeBackend(const failover::RouteInfo& route);
  bool writeEvent(const chat::CanonicalEvent& event);
  bool writeDone(const chat::AnswerAccumulator& answer);
  bool writeError(const mf_error& error);
  /// An event whose fields the caller wrote: a task event (task,
  /// task_progress, task_state, task_result) or a tool event (sources,
  /// tool_call, tool_result).
  bool writeTyped(const char* type, const std::string& fields) { return write(type, fields); }

 private:
  bool write(const char* type, const std::string& fields);

  std::ostream& out_;
};

}  // namespace manifold::api
