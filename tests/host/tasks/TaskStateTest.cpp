// The task states and the moves between them.
#include <gtest/gtest.h>

#include "tasks/TaskState.h"

namespace manifold::tasks {
namespace {

constexpr TaskState kAll[] = {TaskState::Queued,    TaskState::Running, TaskState::WaitingInput,
                              TaskState::Succeeded, TaskState::Failed,  TaskState::Cancelled};

TEST(TaskStateTest, NamesRoundTripAndUnknownNamesAreRefused) {
  for (TaskState s : kAll) EXPECT_EQ(taskStateNamed(nameOf(s)), s) << nameOf(s);
  EXPECT_EQ(nameOf(TaskState::WaitingInput), "waiting_input");
  EXPECT_FALSE(taskStateNamed("done"));
  EXPECT_FALSE(taskStateNamed("Running")) << "names are exact";
  EXPECT_FALSE(taskStateNamed(""));
}

TEST(TaskStateTest, AFinalStateAllowsNoMoveAtAll) {
  for (TaskState from : {TaskState::Succeeded, TaskState::Failed, TaskState::Cancelled}) {
    EXPECT_TRUE(isFinal(from));
    for (TaskState to : kAll) EXPECT_FALSE(mayMove(from, to)) << nameOf(from) << "→" << nameOf(to);
  }
}

TEST(TaskStateTest, LiveStatesMoveForwardButNeverBackToQueued) {
  for (TaskState from : {TaskState::Queued, TaskState::Running, TaskState::WaitingInput}) {
    EXPECT_FALSE(isFinal(from));
    for (TaskState to : kAll) {
      const bool expected = to != TaskState::Queued || from == TaskState::Queued;
      EXPECT_EQ(mayMove(from, to), expected) << nameOf(from) << "→" << nameOf(to);
    }
  }
}

}  // namespace
}  // namespace manifold::tasks
