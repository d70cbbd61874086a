#include "tasks/TaskState.h"

#include <array>
#include <utility>

namespace manifold::tasks {
namespace {

constexpr std::array<std::pair<TaskState, std::string_view>, 6> kNames{{
    {TaskState::Queued, "queued"},
    {TaskState::Running, "running"},
    {TaskState::WaitingInput, "waiting_input"},
    {TaskState::Succeeded, "succeeded"},
    {TaskState::Failed, "failed"},
    {TaskState::Cancelled, "cancelled"},
}};

}  // namespace

std::string_view nameOf(TaskState state) {
  for (const auto& [s, name] : kNames)
    if (s == state) return name;
  return "unknown";
}

std::optional<TaskState> taskStateNamed(std::string_view name) {
  for (const auto& [s, n] : kNames)
    if (n == name) return s;
  return std::nullopt;
}

bool isFinal(TaskState state) {
  return state == TaskState::Succeeded || state == TaskState::Failed ||
         state == TaskState::Cancelled;
}

bool mayMove(TaskState from, TaskState to) {
  if (isFinal(from)) return false;
  if (to == TaskState::Queued) return from == TaskState::Queued;
  return true;
}

}  // namespace manifold::tasks
