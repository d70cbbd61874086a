#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "FakeBehaviour.h"

namespace manifold::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;
/// How a route nobody scripted behaves; std::nullopt answers 404.
using RouteResolver = std::function<std::optional<FakeBehaviour>(const std::string& route)>;

/// Per-route scripts and what each route has seen. Thread-safe.
class RouteLedger {
 public:
  /// One admitted request: its 1-based number on the route and what it gets.
  /// `refused` when the route's behaviour does not serve the request's path:
  /// such a request is not counted.
  struct Admission {
    int number = 0;
    std::optional<FakeBehaviour> behaviour;
    bool refused = false;
  };
  using PathCheck = std::function<bool(const FakeBehaviour&)>;

  /// An empty resolver gives unscripted routes the default FakeBehaviour.
  /// recordRequests=false keeps counts only (no bodies or headers), for load.
  RouteLedger(RouteResolver unscripted, bool recordRequests);

  /// Later requests take these in order; the last one repeats.
  void script(const std::string& route, std::vector<FakeBehaviour> behaviours);
  Admission admit(const std::string& route, std::string body, HeaderList headers,
                  const PathCheck& servesPath);
  /// Request `number` on `route` lost its client; the time is taken now, on
  /// the steady clock (CLOCK_MONOTONIC on Linux, comparable across processes).
  void abandon(const std::string& route, int number);

  int requests(const std::string& route) const;
  std::vector<std::string> bodies(const std::string& route) const;
  std::vector<HeaderList> headers(const std::string& route) const;
  int abandoned(const std::string& route) const;
  bool waitAbandoned(const std::string& route, int n, std::chrono::milliseconds timeout) const;
  /// Blocks until `route` has admitted n requests or the timeout passes.
  bool waitRequests(const std::string& route, int n, std::chrono::milliseconds timeout) const;
  /// When request `number` on `route` was abandoned, waiting up to `timeout`
  /// for it; std::nullopt if it was not by then.
  std::optional<std::chrono::steady_clock::time_point> waitAbandonedAt(
      const std::string& route, int number, std::chrono::milliseconds timeout) const;

 private:
  struct Route {
    std::vector<FakeBehaviour> script;
    int scriptedAt = 0;  // requests already seen when the script was set
    int requests = 0;
    int abandoned = 0;
    /// Request number -> when it was abandoned (a few bytes per abandoned
    /// request, kept even when recordRequests is off).
    std::map<int, std::chrono::steady_clock::time_point> abandonedAt;
    std::vector<std::string> bodies;
    std::vector<HeaderList> headers;
  };

  const Route* find(const std::string& route) const;

  RouteResolver unscripted_;
  bool recordRequests_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;  // a request admitted or abandoned
  std::map<std::string, Route> routes_;
};

}  // namespace manifold::test
