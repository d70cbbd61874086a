#include "tasks/SqliteTaskStore.h"

#include <manifold/json.hpp>

#include <stdexcept>

#include "store/SqliteStatement.h"

namespace manifold::tasks {
namespace {

using store::bindOptionalText;
using store::bindText;
using store::nextRow;
using store::optionalTextAt;
using store::prepare;
using store::Statement;
using store::textAt;

const std::string kWhat = "task store";

constexpr const char* kColumns =
    "id, owner_key_id, dispatcher, service, intent, remote_id, input, metadata, webhook_url, "
    "state, progress, result, error, created_at_ms, updated_at_ms, finished_at_ms";

Task taskAt(sqlite3_stmt* s) {
  Task t;
  t.id = textAt(s, 0);
  t.ownerKeyId = textAt(s, 1);
  t.dispatcher = textAt(s, 2);
  t.service = textAt(s, 3);
  t.intent = textAt(s, 4);
  t.remoteId = textAt(s, 5);
  t.inputJson = textAt(s, 6);
  t.metadataJson = textAt(s, 7);
  t.webhookUrl = textAt(s, 8);
  const std::optional<TaskState> state = taskStateNamed(textAt(s, 9));
  if (!state) throw std::runtime_error(kWhat + ": task " + t.id + " has an unknown state");
  t.state = *state;
  t.progress = textAt(s, 10);
  t.resultJson = optionalTextAt(s, 11);
  t.errorJson = optionalTextAt(s, 12);
  t.createdAtMs = sqlite3_column_int64(s, 13);
  t.updatedAtMs = sqlite3_column_int64(s, 14);
  t.finishedAtMs = sqlite3_column_int64(s, 15);
  return t;
}

std::string stateEventData(const Task& task) {
  std::string data = "{\"state\":" + json::quoted(std::string(nameOf(task.state)));
  if (task.state == TaskState::Failed && task.errorJson) data += ",\"error\":" + *task.errorJson;
  return data + "}";
}

}  // namespace

SqliteTaskStore::SqliteTaskStore(const std::string& path)
    : db_(store::openConnection(path, "cannot open the task store")) {}

SqliteTaskStore::~SqliteTaskStore() {
  sqlite3_close(db_);
}

TaskEvent SqliteTaskStore::insert(const Task& task) {
  std::lock_guard<std::mutex> lock(mutex_);
  store::Transaction transaction(db_, kWhat);
  Statement s = prepare(db_,
                        "INSERT INTO tasks (id, owner_key_id, dispatcher, service, intent, "
                        "remote_id, input, metadata, webhook_url, state, progress, result, error, "
                        "created_at_ms, updated_at_ms, finished_at_ms) "
                        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
                        kWhat);
  bindText(s.get(), 1, task.id);
  bindText(s.get(), 2, task.ownerKeyId);
  bindText(s.get(), 3, task.dispatcher);
  bindText(s.get(), 4, task.service);
  bindText(s.get(), 5, task.intent);
  bindText(s.get(), 6, task.remoteId);
  bindText(s.get(), 7, task.inputJson);
  bindText(s.get(), 8, task.metadataJson);
  bindText(s.get(), 9, task.webhookUrl);
  bindText(s.get(), 10, nameOf(task.state));
  bindText(s.get(), 11, task.progress);
  bindOptionalText(s.get(), 12, task.resultJson);
  bindOptionalText(s.get(), 13, task.errorJson);
  sqlite3_bind_int64(s.get(), 14, task.createdAtMs);
  sqlite3_bind_int64(s.get(), 15, task.updatedAtMs);
  sqlite3_bind_int64(s.get(), 16, task.finishedAtMs);
  store::runToEnd(db_, s.get(), kWhat);
  TaskEvent first = appendEvent(task.id, "state", stateEventData(task), task.createdAtMs);
  transaction.commit();
  return first;
}

std::optional<Task> SqliteTaskStore::get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return getLocked(id);
}

std::optional<Task> SqliteTaskStore::getLocked(const std::string& id) {
  std::vector<Task> found = selectTasks("id = ?1", {id}, 1);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Task> SqliteTaskStore::listByOwner(const std::string& ownerKeyId, size_t limit,
                                               const std::string& beforeId) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (beforeId.empty())
    return selectTasks("owner_key_id = ?1 ORDER BY created_at_ms DESC, id DESC", {ownerKeyId},
                       static_cast<int64_t>(limit));
  // (created_at_ms, id) below the cursor task's, which must be the owner's.
  return selectTasks(
      "owner_key_id = ?1 AND EXISTS (SELECT 1 FROM tasks c WHERE c.id = ?2 AND "
      "c.owner_key_id = ?1 AND (tasks.created_at_ms < c.created_at_ms OR "
      "(tasks.created_at_ms = c.created_at_ms AND tasks.id < c.id))) "
      "ORDER BY created_at_ms DESC, id DESC",
      {ownerKeyId, beforeId}, static_cast<int64_t>(limit));
}

std::vector<Task> SqliteTaskStore::unfinished() {
  std::lock_guard<std::mutex> lock(mutex_);
  return selectTasks("finished_at_ms = 0 ORDER BY created_at_ms, id", {}, -1);
}

std::optional<Task> SqliteTaskStore::byRemoteId(const std::string& dispatcher,
                                                const std::string& remoteId) {
  if (remoteId.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Task> found =
      selectTasks("dispatcher = ?1 AND remote_id = ?2", {dispatcher, remoteId}, 1);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Task> SqliteTaskStore::selectTasks(const char* where,
                                               const std::vector<std::string>& args,
                                               int64_t limit) {
  const std::string sql = std::string("SELECT ") + kColumns + " FROM tasks WHERE " + where +
                          " LIMIT ?" + std::to_string(args.size() + 1);
  Statement s = prepare(db_, sql.c_str(), kWhat);
  for (size_t i = 0; i < args.size(); ++i) bindText(s.get(), static_cast<int>(i + 1), args[i]);
  sqlite3_bind_int64(s.get(), static_cast<int>(args.size() + 1), limit);
  std::vector<Task> out;
  while (nextRow(db_, s.get(), kWhat)) out.push_back(taskAt(s.get()));
  return out;
}

Applied SqliteTaskStore::apply(const std::string& id, const TaskUpdate& update, int64_t nowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  store::Transaction transaction(db_, kWhat);
  Applied out;
  std::optional<Task> current = getLocked(id);
  if (!current) return out;
  out.task = *current;
  Task next = *current;
  const bool moves = update.state && *update.state != current->state;
  if (moves && !mayMove(current->state, *update.state)) {
    out.outcome = Applied::Outcome::Refused;
    return out;
  }
  const bool progress = update.progress && *update.progress != current->progress;
  const bool result = update.resultJson && update.resultJson != current->resultJson;
  const bool error = update.errorJson && update.errorJson != current->errorJson;
  const bool remote = update.remoteId && *update.remoteId != current->remoteId;
  if (!moves && !progress && !result && !error && !remote) {
    out.outcome = Applied::Outcome::Unchanged;
    return out;
  }
  if (isFinal(current->state)) {  // a finished task changes no more
    out.outcome = Applied::Outcome::Refused;
    return out;
  }
  if (moves) next.state = *update.state;
  if (progress) next.progress = *update.progress;
  if (result) next.resultJson = update.resultJson;
  if (error) next.errorJson = update.errorJson;
  if (remote) next.remoteId = *update.remoteId;
  next.updatedAtMs = nowMs;
  if (isFinal(next.state)) next.finishedAtMs = nowMs;
  writeTask(next);
  if (progress)
    out.events.push_back(
        appendEvent(id, "progress", "{\"progress\":" + json::quoted(next.progress) + "}", nowMs));
  if (result)
    out.events.push_back(appendEvent(id, "result", "{\"result\":" + *next.resultJson + "}", nowMs));
  if (moves) out.events.push_back(appendEvent(id, "state", stateEventData(next), nowMs));
  transaction.commit();
  out.outcome = Applied::Outcome::Changed;
  out.task = std::move(next);
  return out;
}

void SqliteTaskStore::writeTask(const Task& t) {
  Statement s = prepare(db_,
                        "UPDATE tasks SET remote_id = ?2, state = ?3, progress = ?4, result = ?5, "
                        "error = ?6, updated_at_ms = ?7, finished_at_ms = ?8 WHERE id = ?1",
                        kWhat);
  bindText(s.get(), 1, t.id);
  bindText(s.get(), 2, t.remoteId);
  bindText(s.get(), 3, nameOf(t.state));
  bindText(s.get(), 4, t.progress);
  bindOptionalText(s.get(), 5, t.resultJson);
  bindOptionalText(s.get(), 6, t.errorJson);
  sqlite3_bind_int64(s.get(), 7, t.updatedAtMs);
  sqlite3_bind_int64(s.get(), 8, t.finishedAtMs);
  store::runToEnd(db_, s.get(), kWhat);
}

TaskEvent SqliteTaskStore::appendEvent(const std::string& taskId, const std::string& type,
                                       const std::string& dataJson, int64_t atMs) {
  Statement s = prepare(
      db_, "INSERT INTO task_events (task_id, type, data, at_ms) VALUES (?1, ?2, ?3, ?4)", kWhat);
  bindText(s.get(), 1, taskId);
  bindText(s.get(), 2, type);
  bindText(s.get(), 3, dataJson);
  sqlite3_bind_int64(s.get(), 4, atMs);
  store::runToEnd(db_, s.get(), kWhat);
  return TaskEvent{sqlite3_last_insert_rowid(db_), taskId, type, dataJson, atMs};
}

std::vector<TaskEvent> SqliteTaskStore::eventsAfter(const std::string& taskId, int64_t afterSeq) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s = prepare(db_,
                        "SELECT seq, type, data, at_ms FROM task_events "
                        "WHERE task_id = ?1 AND seq > ?2 ORDER BY seq",
                        kWhat);
  bindText(s.get(), 1, taskId);
  sqlite3_bind_int64(s.get(), 2, afterSeq);
  std::vector<TaskEvent> out;
  while (nextRow(db_, s.get(), kWhat))
    out.push_back(TaskEvent{sqlite3_column_int64(s.get(), 0), taskId, textAt(s.get(), 1),
                            textAt(s.get(), 2), sqlite3_column_int64(s.get(), 3)});
  return out;
}

bool SqliteTaskStore::markWebhookSeen(const std::string& dispatcher, const std::string& webhookId,
                                      int64_t nowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s = prepare(db_,
                        "INSERT OR IGNORE INTO webhook_seen (dispatcher, webhook_id, seen_at_ms) "
                        "VALUES (?1, ?2, ?3)",
                        kWhat);
  bindText(s.get(), 1, dispatcher);
  bindText(s.get(), 2, webhookId);
  sqlite3_bind_int64(s.get(), 3, nowMs);
  store::runToEnd(db_, s.get(), kWhat);
  return sqlite3_changes(db_) > 0;
}

void SqliteTaskStore::forgetWebhookSeen(const std::string& dispatcher,
                                        const std::string& webhookId) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s =
      prepare(db_, "DELETE FROM webhook_seen WHERE dispatcher = ?1 AND webhook_id = ?2", kWhat);
  bindText(s.get(), 1, dispatcher);
  bindText(s.get(), 2, webhookId);
  store::runToEnd(db_, s.get(), kWhat);
}

}  // namespace manifold::tasks
