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
  return admission;
}

void RouteLedger::abandon(const std::string& route) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++routes_[route].abandoned;
  }
  abandonedChanged_.notify_all();
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
  return abandonedChanged_.wait_for(lock, timeout, [&] {
    const Route* state = find(route);
    return (state ? state->abandoned : 0) >= n;
  });
}

const RouteLedger::Route* RouteLedger::find(const std::string& route) const {
  const auto it = routes_.find(route);
  return it == routes_.end() ? nullptr : &it->second;
}

}  // namespace manifold::test
