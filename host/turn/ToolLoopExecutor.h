#pragma once

#include <vector>

#include "failover/FailoverEngine.h"
#include "tools/ToolDefinition.h"
#include "turn/Executor.h"
#include "turn/ToolLoopSink.h"
#include "turn/TurnTools.h"

namespace manifold::turn {

/// Executes a chat turn whose mode offers gateway tools (ModeConfig::tools):
/// the server-side tool loop. The gateway's tools (those the mode names and
/// the key may use) are offered to the model beside the client's own; when
/// the model calls one, the gateway runs it (tools.call_timeout_ms each,
/// tools.turn_timeout_ms for the turn), fences the result, and continues
/// the conversation on the same chain, at most max_tool_steps times; then
/// the model answers without them. Calls of the client's own tools pass to
/// the client unchanged and end the turn, as they would without the loop.
/// An unknown tool or arguments that break a tool's schema get a tool error
/// the model can read, and the loop goes on. Each step is a chain walk of
/// its own: a gateway tool call commits nothing, so until the first visible
/// content a failure still fails over unseen (ToolLoopSink). A mode without
/// gateway tools is a plain chain walk.
class ToolLoopExecutor : public Executor {
 public:
  ToolLoopExecutor(failover::FailoverEngine& failover, TurnTools* tools)
      : failover_(failover), tools_(tools) {}
  failover::ChainOutcome execute(const ExecutionContext& context,
                                 failover::AnswerSink& sink) override;

 private:
  /// The gateway tools this turn offers: the mode's, within the key's, none
  /// whose name one of the client's own tools already takes.
  std::vector<tools::ToolDefinition> offered(const ExecutionContext& context) const;
  /// Runs one step's gateway calls, all at once; appends the assistant's
  /// message and one fenced tool message per call to `chat`.
  void runCalls(const ExecutionContext& context, const std::vector<tools::ToolDefinition>& offer,
                int step, ToolLoopSink& loop, chat::ChatRequest& chat,
                std::chrono::steady_clock::time_point turnDeadline) const;

  failover::FailoverEngine& failover_;
  TurnTools* tools_;
};

}  // namespace manifold::turn
