// Followers get every event published for their task after they follow, in
// order, and none of another task's.
#include <gtest/gtest.h>

#include <thread>

#include "tasks/TaskFeed.h"

namespace manifold::tasks {
namespace {

TaskEvent event(const std::string& task, int64_t seq) {
  return TaskEvent{seq, task, "progress", "{}", seq};
}

TEST(TaskFeedTest, EventsQueueForEachFollowerOfTheirTaskOnly) {
  TaskFeed feed;
  auto a1 = feed.follow("task_a");
  auto a2 = feed.follow("task_a");
  auto b = feed.follow("task_b");
  feed.publish({event("task_a", 1), event("task_b", 2), event("task_a", 3)});
  for (const auto& follower : {a1, a2}) {
    const std::vector<TaskEvent> got = follower->take(std::chrono::milliseconds(0));
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].seq, 1);
    EXPECT_EQ(got[1].seq, 3);
  }
  const std::vector<TaskEvent> gotB = b->take(std::chrono::milliseconds(0));
  ASSERT_EQ(gotB.size(), 1u);
  EXPECT_EQ(gotB[0].seq, 2);
  EXPECT_TRUE(a1->take(std::chrono::milliseconds(0)).empty()) << "taken once";
}

TEST(TaskFeedTest, AWaitingFollowerWakesForAnEventFromAnotherThread) {
  TaskFeed feed;
  auto follower = feed.follow("task_a");
  std::thread publisher([&] { feed.publish({event("task_a", 7)}); });
  std::vector<TaskEvent> got;
  for (int i = 0; i < 100 && got.empty(); ++i) got = follower->take(std::chrono::seconds(1));
  publisher.join();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].seq, 7);
}

TEST(TaskFeedTest, AnUnfollowedFollowerGetsNothingMore) {
  TaskFeed feed;
  auto follower = feed.follow("task_a");
  EXPECT_EQ(feed.followers("task_a"), 1u);
  feed.unfollow("task_a", follower);
  EXPECT_EQ(feed.followers("task_a"), 0u);
  feed.publish({event("task_a", 1)});
  EXPECT_TRUE(follower->take(std::chrono::milliseconds(0)).empty());
}

}  // namespace
}  // namespace manifold::tasks
