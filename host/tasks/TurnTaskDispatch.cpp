#include "tasks/TurnTaskDispatch.h"

#include <manifold/json.hpp>

#include "chat/ChatRequest.h"

namespace manifold::tasks {
std::optional<turn::DispatchTarget> TurnTaskDispatch::targetFor(const std::string& intent) {
  std::optional<std::pair<std::string, std::string>> served = service_.serviceFor(intent);
  if (!served) return std::nullopt;
  return turn::DispatchTarget{served->first, served->second, intent};
}

turn::StartedTask TurnTaskDispatch::start(const turn::TurnRequest& request,
                                          const turn::DispatchTarget& target) {
  NewTask task;
  task.ownerKeyId = request.keyId;
  task.dispatcher = target.dispatcher;
  task.service = target.service;
  task.intent = target.intent;
  task.inputJson = chat::toCanonicalJson(request.chat, false);
  task.metadataJson = "{\"source\":\"chat\",\"api\":" + json::quoted(request.api) +
                      ",\"request_id\":" + json::quoted(request.requestId) + "}";
  turn::StartedTask started;
  try {
    started.task = service_.create(task);
  } catch (const DispatchError& error) {
    throw turn::DispatchFailure(error.status, error.code, error.what());
  }
  // Events first, then the task: a change landing in between is streamed
  // again rather than missed.
  const std::vector<TaskEvent> written = service_.store().eventsAfter(started.task.id, 0);
  if (!written.empty()) started.lastSeq = written.back().seq;
  if (std::optional<Task> now = service_.store().get(started.task.id)) started.task = *now;
  return started;
}

std::unique_ptr<TaskFollow> TurnTaskDispatch::follow(const std::string& taskId, int64_t afterSeq) {
  return service_.follow(taskId, afterSeq);
}

}  // namespace manifold::tasks
