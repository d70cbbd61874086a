#pragma once

#include <mutex>
#include <string>

#include "tasks/TaskStore.h"

struct sqlite3;

namespace manifold::tasks {

/// Tasks in the gateway's SQLite file (migration 0005_tasks.sql), on a
/// connection of its own. Open it after SqliteStore has migrated the file.
class SqliteTaskStore : public TaskStore {
 public:
  /// Throws when the file cannot be opened.
  explicit SqliteTaskStore(const std::string& path);
  ~SqliteTaskStore() override;
  SqliteTaskStore(const SqliteTaskStore&) = delete;
  SqliteTaskStore& operator=(const SqliteTaskStore&) = delete;

  TaskEvent insert(const Task& task) override;
  std::optional<Task> get(const std::string& id) override;
  std::vector<Task> listByOwner(const std::string& ownerKeyId, size_t limit,
                                const std::string& beforeId) override;
  std::vector<Task> unfinished() override;
  std::optional<Task> byRemoteId(const std::string& dispatcher,
                                 const std::string& remoteId) override;
  Applied apply(const std::string& id, const TaskUpdate& update, int64_t nowMs) override;
  std::vector<TaskEvent> eventsAfter(const std::string& taskId, int64_t afterSeq) override;
  bool markWebhookSeen(const std::string& dispatcher, const std::string& webhookId,
                       int64_t nowMs) override;
  void forgetWebhookSeen(const std::string& dispatcher, const std::string& webhookId) override;

 private:
  std::optional<Task> getLocked(const std::string& id);
  std::vector<Task> selectTasks(const char* where, const std::vector<std::string>& args,
                                int64_t limit);
  TaskEvent appendEvent(const std::string& taskId, const std::string& type,
                        const std::string& dataJson, int64_t atMs);
  void writeTask(const Task& task);

  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

}  // namespace manifold::tasks
