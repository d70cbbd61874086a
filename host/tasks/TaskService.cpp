#include "tasks/TaskService.h"

#include <Poco/Logger.h>
#include <openssl/rand.h>

#include <manifold/json.hpp>

#include <algorithm>

#include "tasks/ClientWebhooks.h"
#include "tasks/DispatcherDirectory.h"
#include "tasks/PollScheduler.h"
#include "tasks/TaskFollower.h"

namespace manifold::tasks {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("tasks");
}

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string newTaskId() {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1)
    throw std::runtime_error("no random bytes for a task id");
  static const char* const hex = "0123456789abcdef";
  std::string id = "task_";
  for (unsigned char b : bytes) {
    id += hex[b >> 4];
    id += hex[b & 15];
  }
  return id;
}

std::string errorJson(const std::string& code, const std::string& message) {
  json::Value error = json::Value::object();
  error.set("code", code);
  error.set("message", message);
  return json::stringify(error);
}

json::Value parsedOr(const std::string& text, json::Value fallback) {
  std::optional<json::Value> value = json::parse(text);
  return value ? std::move(*value) : std::move(fallback);
}

}  // namespace

TaskService::TaskService(TaskStore& store, TaskFeed& feed, DispatcherDirectory& dispatchers,
                         ClientWebhooks* clientWebhooks, TaskServiceOptions options)
    : store_(store),
      feed_(feed),
      dispatchers_(dispatchers),
      clientWebhooks_(clientWebhooks),
      options_(std::move(options)),
      poller_(std::make_unique<PollScheduler>(
          options_.pollMinMs, options_.pollMaxMs,
          [this](const std::string& taskId) { return pollOnce(taskId); })) {}

TaskService::~TaskService() {
  stop();
}

void TaskService::start() {
  for (const Task& task : store_.unfinished()) {
    if (task.remoteId.empty()) {
      // Stopped between insert and the dispatcher's answer: the remote task
      // may or may not exist, and nothing can find it again.
      TaskUpdate failed;
      failed.state = TaskState::Failed;
      failed.errorJson =
          errorJson("interrupted", "the gateway stopped before the dispatcher confirmed the task");
      applyAndPublish(task, failed);
      continue;
    }
    poller_->track(task.id);
  }
  poller_->start();
}

void TaskService::stop() {
  poller_->stop();
}

std::string TaskService::webhookUrlFor(const std::string& dispatcher,
                                       const std::string& service) const {
  if (options_.publicUrl.empty()) return "";
  return options_.publicUrl + "/webhooks/" + dispatcher + (service.empty() ? "" : "/" + service);
}

void TaskService::publish(const Task& task, const std::vector<TaskEvent>& events) {
  feed_.publish(events);
  if (!clientWebhooks_) return;
  for (const TaskEvent& event : events)
    if (event.type == "state") clientWebhooks_->stateChanged(task, event.seq);
}

Applied TaskService::applyAndPublish(const Task& task, const TaskUpdate& update) {
  Applied applied = store_.apply(task.id, update, nowMs());
  if (applied.outcome == Applied::Outcome::Changed) publish(applied.task, applied.events);
  if (applied.outcome != Applied::Outcome::NotFound && isFinal(applied.task.state))
    poller_->forget(task.id);
  return applied;
}

Task TaskService::create(const NewTask& request) {
  std::shared_ptr<Dispatcher> dispatcher = dispatchers_.find(request.dispatcher);
  if (!dispatcher)
    throw DispatchError(404, "unknown_dispatcher", "no dispatcher \"" + request.dispatcher + "\"");
  const std::vector<ServiceInfo> services = dispatcher->services();
  const auto info = std::find_if(services.begin(), services.end(), [&](const ServiceInfo& s) {
    return s.service == request.service;
  });
  if (info == services.end())
    throw DispatchError(404, "unknown_service",
                        request.dispatcher + " has no service \"" + request.service + "\"");
  if (!info->enabled)
    throw DispatchError(
        400, "service_disabled",
        request.dispatcher + "/" + request.service + " is disabled: " + info->detail);

  Task task;
  task.id = newTaskId();
  task.ownerKeyId = request.ownerKeyId;
  task.dispatcher = request.dispatcher;
  task.service = request.service;
  task.intent =
      request.intent.empty() && !info->intents.empty() ? info->intents.front() : request.intent;
  task.inputJson = request.inputJson;
  task.metadataJson = request.metadataJson;
  task.webhookUrl = request.webhookUrl;
  task.createdAtMs = task.updatedAtMs = nowMs();
  publish(task, {store_.insert(task)});

  json::Value start = json::Value::object();
  start.set("task_id", task.id);
  start.set("intent", task.intent);
  start.set("input", parsedOr(task.inputJson, json::Value()));
  start.set("metadata", parsedOr(task.metadataJson, json::Value::object()));
  start.set("webhook_url", webhookUrlFor(task.dispatcher, task.service));
  RemoteUpdate remote;
  try {
    remote = dispatcher->start(task.service, json::stringify(start));
  } catch (const DispatchError& e) {
    logger().warning("task %s: %s/%s refused to start it: %s", task.id, task.dispatcher,
                     task.service, std::string(e.what()));
    TaskUpdate failed;
    failed.state = TaskState::Failed;
    failed.errorJson = errorJson(e.code, e.what());
    applyAndPublish(task, failed);
    throw;
  }
  Applied applied = applyAndPublish(task, remote.update);
  if (applied.outcome == Applied::Outcome::NotFound)
    throw std::runtime_error("task " + task.id + " vanished from the store");
  if (!isFinal(applied.task.state)) poller_->track(task.id, remote.pollAfterMs);
  return applied.task;
}

std::optional<Task> TaskService::get(const std::string& ownerKeyId, const std::string& id) {
  std::optional<Task> task = store_.get(id);
  if (!task || task->ownerKeyId != ownerKeyId) return std::nullopt;
  return task;
}

std::vector<Task> TaskService::list(const std::string& ownerKeyId, size_t limit,
                                    const std::string& beforeId) {
  return store_.listByOwner(ownerKeyId, limit, beforeId);
}

Task TaskService::cancel(const std::string& ownerKeyId, const std::string& id) {
  std::optional<Task> task = get(ownerKeyId, id);
  if (!task) throw TaskNotFound(id);
  if (isFinal(task->state)) return *task;
  if (!task->remoteId.empty()) {
    std::shared_ptr<Dispatcher> dispatcher = dispatchers_.find(task->dispatcher);
    if (!dispatcher)
      throw DispatchError(502, "dispatcher_unavailable",
                          "dispatcher \"" + task->dispatcher + "\" is not loaded");
    dispatcher->stop(task->service, task->remoteId);
  }
  TaskUpdate cancelled;
  cancelled.state = TaskState::Cancelled;
  Applied applied = applyAndPublish(*task, cancelled);
  return applied.task;
}

std::unique_ptr<TaskFollow> TaskService::follow(const std::string& id, int64_t afterSeq) {
  return std::make_unique<TaskFollower>(store_, feed_, id, afterSeq);
}

std::optional<std::pair<std::string, std::string>> TaskService::serviceFor(
    const std::string& intent) {
  return dispatchers_.serviceFor(intent);
}

std::optional<Applied> TaskService::applyRemote(const std::string& dispatcher,
                                                const RemoteUpdate& update, bool fromWebhook) {
  std::optional<Task> task;
  if (!update.taskId.empty()) {
    task = store_.get(update.taskId);
    // A dispatcher's delivery never reaches another dispatcher's task.
    if (task && task->dispatcher != dispatcher) task.reset();
  } else if (update.update.remoteId) {
    task = store_.byRemoteId(dispatcher, *update.update.remoteId);
  }
  if (!task) return std::nullopt;
  if (update.ignore) return Applied{Applied::Outcome::Unchanged, *task, {}};
  Applied applied = applyAndPublish(*task, update.update);
  if (applied.outcome == Applied::Outcome::Refused)
    logger().information("task %s: %s update refused (the task is %s)", task->id, dispatcher,
                         std::string(nameOf(applied.task.state)));
  if (fromWebhook && applied.outcome == Applied::Outcome::Changed && !isFinal(applied.task.state))
    poller_->track(task->id, update.pollAfterMs);
  return applied;
}

std::optional<int64_t> TaskService::pollOnce(const std::string& taskId) {
  std::optional<Task> task = store_.get(taskId);
  if (!task || isFinal(task->state) || task->remoteId.empty()) return std::nullopt;
  std::shared_ptr<Dispatcher> dispatcher = dispatchers_.find(task->dispatcher);
  if (!dispatcher) {
    logger().warning("task %s: dispatcher %s is not loaded; polling later", taskId,
                     task->dispatcher);
    return -1;
  }
  RemoteUpdate remote;
  try {
    remote = dispatcher->check(task->service, task->remoteId);
  } catch (const DispatchError& e) {
    logger().warning("task %s: check at %s failed: %s", taskId, task->dispatcher,
                     std::string(e.what()));
    return -1;
  }
  Applied applied = applyAndPublish(*task, remote.update);
  if (applied.outcome == Applied::Outcome::NotFound || isFinal(applied.task.state))
    return std::nullopt;
  return remote.pollAfterMs.value_or(-1);
}

}  // namespace manifold::tasks
