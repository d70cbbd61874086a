#pragma once

#include <optional>
#include <string_view>

namespace manifold::tasks {

/// queued → running → waiting_input → succeeded | failed | cancelled.
enum class TaskState { Queued, Running, WaitingInput, Succeeded, Failed, Cancelled };

std::string_view nameOf(TaskState state);
std::optional<TaskState> taskStateNamed(std::string_view name);

/// Succeeded, failed and cancelled are final: nothing moves a task out of them.
bool isFinal(TaskState state);

/// Whether a task may go from `from` to `to`. Staying in a state that is not
/// final is allowed (a progress update); a final state allows nothing, so a
/// late or duplicated event never moves a finished task; nothing goes back to
/// queued.
bool mayMove(TaskState from, TaskState to);

}  // namespace manifold::tasks
