#include "turn/DispatchExecutor.h"

#include <manifold/json.hpp>

#include <Poco/Logger.h>

#include "chat/AnswerAccumulator.h"
#include "plugins/AbiStrings.h"

namespace manifold::turn {
namespace {

using failover::ChainOutcome;

using Clock = std::chrono::steady_clock;

Poco::Logger& logger() {
  return Poco::Logger::get("tasks");
}

std::string servedBy(const tasks::Task& task) {
  return task.service.empty() ? task.dispatcher : task.dispatcher + "/" + task.service;
}

// The members of a stored event's JSON object, without its braces.
std::string membersOf(const std::string& objectJson) {
  const size_t open = objectJson.find('{');
  const size_t close = objectJson.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close <= open + 1) return "";
  return objectJson.substr(open + 1, close - open - 1);
}

const char* nativeTypeOf(const std::string& storedType) {
  if (storedType == "progress") return "task_progress";
  if (storedType == "result") return "task_result";
  return "task_state";
}

ChainOutcome refusal(const DispatchFailure& failure, const std::string& target) {
  ChainOutcome outcome;
  outcome.kind = ChainOutcome::Kind::Rejected;
  outcome.status = failure.status;
  outcome.code = failure.code;
  outcome.lastEngine = target;
  outcome.error = plugins::makeError(MF_ERR_UNAVAILABLE, false, failure.what());
  return outcome;
}

}  // namespace

std::string taskMessage(const tasks::Task& task) {
  return "I started a task for this (" + task.intent + ", at " + servedBy(task) + "): " + task.id +
         ", now " + std::string(tasks::nameOf(task.state)) + ". Follow it with GET /v1/tasks/" +
         task.id + "/events, or read it with GET /v1/tasks/" + task.id + ".";
}

ChainOutcome DispatchExecutor::execute(const ExecutionContext& context,
                                       failover::AnswerSink& sink) {
  const DispatchTarget& target = *context.route.dispatch;
  const std::string where =
      target.service.empty() ? target.dispatcher : target.dispatcher + "/" + target.service;
  StartedTask started;
  try {
    started = tasks_.start(context.request, target);
  } catch (const DispatchFailure& failure) {
    logger().warning("[%s] could not start a task at %s: %s", context.request.requestId, where,
                     std::string(failure.what()));
    return refusal(failure, where);
  }
  const tasks::Task& task = started.task;
  logger().information("[%s] started task %s at %s", context.request.requestId, task.id, where);

  ChainOutcome outcome;
  outcome.attempts = 1;
  outcome.lastEngine = where;
  failover::RouteInfo info;
  info.engineId = where;
  info.mode = context.route.mode;
  info.attempts = 1;
  info.taskId = task.id;

  chat::AnswerAccumulator answer;
  if (sink.streamsTaskEvents()) {
    if (!sink.begin(info) ||
        !sink.taskEvent(
            "task", "\"id\":" + json::quoted(task.id) +
                        ",\"dispatcher\":" + json::quoted(task.dispatcher) + ",\"service\":" +
                        json::quoted(task.service) + ",\"intent\":" + json::quoted(task.intent) +
                        ",\"state\":" + json::quoted(std::string(tasks::nameOf(task.state))) +
                        ",\"events_url\":" + json::quoted("/v1/tasks/" + task.id + "/events")) ||
        !follow(started, context, sink)) {
      outcome.kind = ChainOutcome::Kind::ClientGone;
      return outcome;
    }
    sink.end(answer);
    outcome.kind = ChainOutcome::Kind::Answered;
    return outcome;
  }

  chat::CanonicalEvent text;
  text.type = chat::CanonicalEvent::Type::TextDelta;
  text.text = taskMessage(task);
  chat::CanonicalEvent finish;
  finish.type = chat::CanonicalEvent::Type::Finish;
  finish.finishReason = MF_FINISH_STOP;
  answer.add(text);
  answer.add(finish);
  if (!sink.begin(info) || (sink.streaming() && (!sink.event(text) || !sink.event(finish)))) {
    outcome.kind = ChainOutcome::Kind::ClientGone;
    return outcome;
  }
  sink.end(answer);
  outcome.kind = ChainOutcome::Kind::Answered;
  return outcome;
}

bool DispatchExecutor::follow(const StartedTask& started, const ExecutionContext& context,
                              failover::AnswerSink& sink) {
  if (tasks::isFinal(started.task.state)) return true;
  const std::unique_ptr<tasks::TaskFollow> events = tasks_.follow(started.task.id, started.lastSeq);
  const Clock::time_point until = Clock::now() + followFor_;
  const std::string id = "\"id\":" + json::quoted(started.task.id);
  while (Clock::now() < until) {
    if (context.cancel && context.cancel->cancelled()) return false;
    for (const tasks::TaskEvent& event : events->next(std::chrono::milliseconds(250))) {
      const std::string members = membersOf(event.dataJson);
      if (!sink.taskEvent(nativeTypeOf(event.type), members.empty() ? id : id + "," + members))
        return false;
    }
    if (events->ended()) return true;
  }
  return true;  // still running: the stream ends, and /v1/tasks/{id}/events follows on
}

}  // namespace manifold::turn
