// Tasks in a real SQLite file, migrated by the gateway's own store: checked
// moves, events in order, paging per key, replayed webhook ids, restarts.
#include <gtest/gtest.h>

#include "store/SqliteStore.h"
#include "support/TempDir.h"
#include "tasks/SqliteTaskStore.h"

namespace manifold::tasks {
namespace {

Task taskFor(const std::string& id, const std::string& owner, int64_t at) {
  Task t;
  t.id = id;
  t.ownerKeyId = owner;
  t.dispatcher = "sibling";
  t.service = "voice";
  t.intent = "voice";
  t.inputJson = R"({"messages":[{"role":"user","content":"read this aloud"}]})";
  t.createdAtMs = t.updatedAtMs = at;
  return t;
}

class SqliteTaskStoreTest : public ::testing::Test {
 protected:
  SqliteTaskStoreTest() : path_((dir_ / "tasks.db").string()), migrated_(path_), tasks_(path_) {}

  test::TempDir dir_;
  std::string path_;
  store::SqliteStore migrated_;
  SqliteTaskStore tasks_;
};

TEST_F(SqliteTaskStoreTest, ATaskIsStoredWithItsFirstStateEvent) {
  const TaskEvent first = tasks_.insert(taskFor("task_1", "key_a", 1000));
  EXPECT_EQ(first.type, "state");
  EXPECT_EQ(first.dataJson, R"({"state":"queued"})");
  const std::optional<Task> read = tasks_.get("task_1");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->ownerKeyId, "key_a");
  EXPECT_EQ(read->service, "voice");
  EXPECT_EQ(read->state, TaskState::Queued);
  EXPECT_EQ(read->inputJson, taskFor("", "", 0).inputJson);
  EXPECT_FALSE(read->resultJson);
  EXPECT_FALSE(tasks_.get("task_2"));
}

TEST_F(SqliteTaskStoreTest, UpdatesWriteEventsInOrderAndTheFinalStateLast) {
  tasks_.insert(taskFor("task_1", "key_a", 1000));
  TaskUpdate running;
  running.state = TaskState::Running;
  running.remoteId = "remote-9";
  running.progress = "started";
  const Applied a = tasks_.apply("task_1", running, 2000);
  ASSERT_EQ(a.outcome, Applied::Outcome::Changed);
  ASSERT_EQ(a.events.size(), 2u);
  EXPECT_EQ(a.events[0].dataJson, R"({"progress":"started"})");
  EXPECT_EQ(a.events[1].dataJson, R"({"state":"running"})");
  EXPECT_LT(a.events[0].seq, a.events[1].seq);

  TaskUpdate done;
  done.state = TaskState::Succeeded;
  done.resultJson = R"({"text":"done"})";
  const Applied b = tasks_.apply("task_1", done, 3000);
  ASSERT_EQ(b.outcome, Applied::Outcome::Changed);
  ASSERT_EQ(b.events.size(), 2u);
  EXPECT_EQ(b.events[0].type, "result");
  EXPECT_EQ(b.events[0].dataJson, R"({"result":{"text":"done"}})");
  EXPECT_EQ(b.events[1].dataJson, R"({"state":"succeeded"})");
  EXPECT_EQ(b.task.finishedAtMs, 3000);

  const std::vector<TaskEvent> all = tasks_.eventsAfter("task_1", 0);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all.front().dataJson, R"({"state":"queued"})");
  EXPECT_EQ(all.back().dataJson, R"({"state":"succeeded"})");
  EXPECT_EQ(tasks_.eventsAfter("task_1", a.events[1].seq).size(), 2u) << "resumes after a seq";
  EXPECT_EQ(tasks_.byRemoteId("sibling", "remote-9")->id, "task_1");
}

TEST_F(SqliteTaskStoreTest, AFinishedTaskIsNeverMovedByALateOrDuplicateEvent) {
  tasks_.insert(taskFor("task_1", "key_a", 1000));
  TaskUpdate failed;
  failed.state = TaskState::Failed;
  failed.errorJson = R"({"code":"remote_error","message":"it broke"})";
  ASSERT_EQ(tasks_.apply("task_1", failed, 2000).outcome, Applied::Outcome::Changed);
  EXPECT_EQ(tasks_.eventsAfter("task_1", 0).back().dataJson,
            R"({"state":"failed","error":{"code":"remote_error","message":"it broke"}})");

  EXPECT_EQ(tasks_.apply("task_1", failed, 2500).outcome, Applied::Outcome::Unchanged)
      << "the same event again";
  TaskUpdate late;
  late.state = TaskState::Running;
  late.progress = "still working";
  const Applied refused = tasks_.apply("task_1", late, 3000);
  EXPECT_EQ(refused.outcome, Applied::Outcome::Refused);
  EXPECT_EQ(refused.task.state, TaskState::Failed);
  TaskUpdate progressOnly;
  progressOnly.progress = "50%";
  EXPECT_EQ(tasks_.apply("task_1", progressOnly, 3000).outcome, Applied::Outcome::Refused);

  const Task after = *tasks_.get("task_1");
  EXPECT_EQ(after.state, TaskState::Failed);
  EXPECT_EQ(after.progress, "");
  EXPECT_EQ(after.updatedAtMs, 2000);
  EXPECT_EQ(tasks_.eventsAfter("task_1", 0).size(), 2u) << "no event was written";
  EXPECT_EQ(tasks_.apply("task_9", late, 3000).outcome, Applied::Outcome::NotFound);
}

TEST_F(SqliteTaskStoreTest, NothingGoesBackToQueued) {
  tasks_.insert(taskFor("task_1", "key_a", 1000));
  TaskUpdate running;
  running.state = TaskState::Running;
  tasks_.apply("task_1", running, 2000);
  TaskUpdate queued;
  queued.state = TaskState::Queued;
  EXPECT_EQ(tasks_.apply("task_1", queued, 3000).outcome, Applied::Outcome::Refused);
  EXPECT_EQ(tasks_.get("task_1")->state, TaskState::Running);
}

TEST_F(SqliteTaskStoreTest, ListsAreOneKeysNewestFirstAndPage) {
  for (int i = 1; i <= 5; ++i) tasks_.insert(taskFor("task_a" + std::to_string(i), "key_a", i));
  tasks_.insert(taskFor("task_b1", "key_b", 10));
  const std::vector<Task> page1 = tasks_.listByOwner("key_a", 2, "");
  ASSERT_EQ(page1.size(), 2u);
  EXPECT_EQ(page1[0].id, "task_a5");
  EXPECT_EQ(page1[1].id, "task_a4");
  const std::vector<Task> page2 = tasks_.listByOwner("key_a", 10, page1.back().id);
  ASSERT_EQ(page2.size(), 3u);
  EXPECT_EQ(page2.front().id, "task_a3");
  EXPECT_EQ(page2.back().id, "task_a1");
  EXPECT_TRUE(tasks_.listByOwner("key_a", 10, "task_b1").empty())
      << "another key's task is no cursor";
  EXPECT_EQ(tasks_.listByOwner("key_b", 10, "").size(), 1u);
}

TEST_F(SqliteTaskStoreTest, WebhookIdsAndUnfinishedTasksOutliveTheConnection) {
  tasks_.insert(taskFor("task_1", "key_a", 1000));
  tasks_.insert(taskFor("task_2", "key_a", 2000));
  TaskUpdate cancelled;
  cancelled.state = TaskState::Cancelled;
  tasks_.apply("task_2", cancelled, 3000);
  EXPECT_TRUE(tasks_.markWebhookSeen("sibling", "msg_1", 1000));
  EXPECT_FALSE(tasks_.markWebhookSeen("sibling", "msg_1", 1001)) << "a replay";
  EXPECT_TRUE(tasks_.markWebhookSeen("manus", "msg_1", 1002)) << "ids are per dispatcher";

  SqliteTaskStore reopened(path_);  // as after a restart
  EXPECT_FALSE(reopened.markWebhookSeen("sibling", "msg_1", 5000));
  const std::vector<Task> live = reopened.unfinished();
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].id, "task_1");
}

}  // namespace
}  // namespace manifold::tasks
