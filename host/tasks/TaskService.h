#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tasks/Dispatcher.h"
#include "tasks/Task.h"
#include "tasks/TaskFeed.h"
#include "tasks/TaskFollow.h"
#include "tasks/TaskStore.h"

namespace manifold::tasks {

class DispatcherDirectory;
class ClientWebhooks;
class PollScheduler;

/// What a client (or the router's dispatcher branch) asks for.
struct NewTask {
  std::string ownerKeyId;  ///< the gateway key making it; "" for the operator
  std::string dispatcher;  ///< a dispatcher plugin's short name ("sibling", "manus")
  std::string service;     ///< one of its services, or "" for its only one
  std::string intent;
  std::string inputJson = "{}";
  std::string metadataJson = "{}";
  std::string webhookUrl;  ///< where the client wants state changes, or ""
};

/// Settings the runtime reads once (tasks.* and server.public_url).
struct TaskServiceOptions {
  std::string publicUrl;  ///< server.public_url, no trailing slash; "" when unset
  int64_t pollMinMs = 2000;
  int64_t pollMaxMs = 60000;
};

/// A task id another key owns, or that does not exist: the API's 404.
struct TaskNotFound : std::runtime_error {
  explicit TaskNotFound(const std::string& id) : std::runtime_error("no task " + id) {}
};

/// The host's task runtime: creates tasks at dispatchers, keeps them in the
/// store, follows them by polling (with backoff) and by verified webhooks,
/// and tells followers and client webhooks about every change.
class TaskService {
 public:
  TaskService(TaskStore& store, TaskFeed& feed, DispatcherDirectory& dispatchers,
              ClientWebhooks* clientWebhooks, TaskServiceOptions options);
  ~TaskService();
  TaskService(const TaskService&) = delete;
  TaskService& operator=(const TaskService&) = delete;

  /// Schedules every unfinished task in the store and starts the poller.
  void start();
  /// Stops the poller (tasks stay in the store for the next start).
  void stop();

  /// Inserts the task (queued), starts it at its dispatcher and applies what
  /// the dispatcher answered. Throws DispatchError when the dispatcher or
  /// service is unknown (404) or disabled (400), or when the start fails (the
  /// task is then stored as failed with that error).
  Task create(const NewTask& request);
  /// nullopt when there is no such task or another key owns it.
  std::optional<Task> get(const std::string& ownerKeyId, const std::string& id);
  /// A key's tasks, newest first; `beforeId` pages (older than that task).
  std::vector<Task> list(const std::string& ownerKeyId, size_t limit, const std::string& beforeId);
  /// Asks the dispatcher to stop the task, then marks it cancelled. A task
  /// already final is returned unchanged. Throws TaskNotFound for another
  /// key's task, DispatchError when the dispatcher refuses.
  Task cancel(const std::string& ownerKeyId, const std::string& id);
  /// Follows a task's events after `afterSeq` (0: from its first). The
  /// caller checks ownership first (get).
  std::unique_ptr<TaskFollow> follow(const std::string& id, int64_t afterSeq = 0);

  /// Which enabled (dispatcher, service) serves a router intent, if any.
  std::optional<std::pair<std::string, std::string>> serviceFor(const std::string& intent);

  /// Matches a dispatcher's update to its task (by task_id, else by
  /// remote_id), applies it and publishes its events. Webhooks and polls
  /// both end here. nullopt when no task matches.
  std::optional<Applied> applyRemote(const std::string& dispatcher, const RemoteUpdate& update,
                                     bool fromWebhook);

  /// The URL a dispatcher's deliveries are verified at, or "" without public_url.
  std::string webhookUrlFor(const std::string& dispatcher, const std::string& service) const;
  const TaskServiceOptions& options() const { return options_; }
  TaskStore& store() { return store_; }
  TaskFeed& feed() { return feed_; }
  DispatcherDirectory& dispatchers() { return dispatchers_; }
  /// Null when client webhooks are off.
  ClientWebhooks* clientWebhooks() { return clientWebhooks_; }

 private:
  void publish(const Task& task, const std::vector<TaskEvent>& events);
  /// The poller's check of one task: nullopt to stop, else a poll_after_ms hint or -1.
  std::optional<int64_t> pollOnce(const std::string& taskId);
  Applied applyAndPublish(const Task& task, const TaskUpdate& update);

  TaskStore& store_;
  TaskFeed& feed_;
  DispatcherDirectory& dispatchers_;
  ClientWebhooks* clientWebhooks_;
  TaskServiceOptions options_;
  std::unique_ptr<PollScheduler> poller_;
};

}  // namespace manifold::tasks
