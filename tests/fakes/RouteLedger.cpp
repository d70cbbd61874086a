#include "RouteLedger.h"

#include <algorithm>

namespace manifold::test {

RouteLedger::RouteLedger(RouteResolver unscripted, bool recordRequests)
    : unscripted_(std::move(unscripted)), recordRequests_(recordRequests) {}

void RouteLedger::script(const std::string& route, std::vector<FakeBehaviour> behaviours) {
  std::lock_guard<std::mutex> lock(mutex_);
  Route& state = routes_[route];
  state.script = std::move(behaviours);
  state.scriptedAt = state.requests;
}

RouteLedger::Admission RouteLedger::admit(const std::string& route, std::string body,
                                          HeaderList headers, const PathCheck& servesPath) {
  Admission admission;
  std::lock_guard<std::mutex> lock(mutex_);  // the resolver is cheap and pure
  Route& state = routes_[route];
  if (!state.script.empty()) {
    const size_t step = static_cast<size_t>(state.requests - state.scriptedAt);
    admission.behaviour = state.script[std::min(step, state.script.size() - 1)];
  } else {
    admission.behaviour = unscripted_ ? unscripted_(route) : FakeBehaviour{};
  }
  if (admission.behaviour && !servesPath(*admission.behaviour)) {
    admission.refused = true;
    return admission;
  }
  admission.number = ++state.requests;
  if (recordRequests_) {
    state.bodies.push_back(std::move(body));
    state.headers.push_back(std::move(headers));
  }
  changed_.notify_all();  // no syscall unless a ledger query is waiting
  return admission;
}

void RouteLedger::abandon(const std::string& route, int number) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Route& state = routes_[route];
    ++state.abandoned;
    state.abandonedAt.emplace(number, now);
  }
  changed_.notify_all();
}

int RouteLedger::requests(const std::string& route) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Route* state = find(route);
  return state ? state->requests : 0;
}

std::vector<std::string> RouteLedger::bodies(const std::string& route) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Route* state = find(route);
  return state ? state->bodies : std::vector<std::string>{};
}

std::vector<HeaderList> RouteLedger::headers(const std::string& route) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Route* state = find(route);
  return state ? state->headers : std::vector<HeaderList>{};
}

int RouteLedger::abandoned(const std::string& route) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Route* state = find(route);
  return state ? state->abandoned : 0;
}

bool RouteLedger::waitAbandoned(const std::string& route, int n,
                                std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    const Route* state = find(route);
    return (state ? state->abandoned : 0) >= n;
  });
}

bool RouteLedger::waitRequests(const std::string& route, int n,
                               std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    const Route* state = find(route);
    return (state ? state->requests : 0) >= n;
  });
}

std::optional<std::chrono::steady_clock::time_point> RouteLedger::waitAbandonedAt(
    const std::string& route, int number, std::chrono::milliseconds timeout) const {
  std::optional<std::chrono::steady_clock::time_point> at;
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, timeout, [&] {
    const Route* state = find(route);
    if (!state) return false;
    const auto it = state->abandonedAt.find(number);
    if (it != state->abandonedAt.end()) at = it->second;
    return at.has_value();
  });
  return at;
}

const RouteLedger::Route* RouteLedger::find(const std::string& route) const {
  const auto it = routes_.find(route);
  return it == routes_.end() ? nullptr : &it->second;
}

}  // namespace manifold::test
