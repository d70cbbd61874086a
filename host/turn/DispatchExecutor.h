#pragma once

#include <chrono>

#include "turn/Executor.h"
#include "turn/TaskDispatch.h"

namespace manifold::turn {

/// The router's second branch: a turn whose plugin intent an enabled
/// dispatcher serves becomes a long-running task there. The native stream
/// gets a task event, then the task's progress, state and result while the
/// client stays (at most `followFor`), and always ends with done; the OpenAI
/// and Anthropic APIs get a short assistant message that names the task and
/// where to follow it. Both carry x-manifold-task.
class DispatchExecutor : public Executor {
 public:
  DispatchExecutor(TaskDispatch& tasks, std::chrono::milliseconds followFor)
      : tasks_(tasks), followFor_(followFor) {}
  failover::ChainOutcome execute(const ExecutionContext& context,
                                 failover::AnswerSink& sink) override;

 private:
  /// Streams the task's events until it is final, the client goes, or
  /// followFor_ passes. False when the client went away.
  bool follow(const StartedTask& started, const ExecutionContext& context,
              failover::AnswerSink& sink);

  TaskDispatch& tasks_;
  const std::chrono::milliseconds followFor_;
};

/// The assistant message the OpenAI and Anthropic APIs answer a task with.
std::string taskMessage(const tasks::Task& task);

}  // namespace manifold::turn
