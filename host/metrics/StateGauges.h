#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "failover/CircuitBreakers.h"

namespace manifold::metrics {

/// Gauges read from the gateway's state at scrape time, rather than counted:
/// the circuit breakers and the plugin set.
class StateGauges {
 public:
  /// manifold_breaker_state{engine,key,state}: 1 for the state each
  /// (engine, key) breaker is in, 0 for the others; and its consecutive
  /// failures. `key` counts from 1, as the logs and /admin/health do. A
  /// breaker that has seen no traffic yet is not listed (it is closed).
  static void renderBreakers(std::string& out,
                             const std::vector<failover::CircuitBreakers::Status>& breakers);
  /// Plugins loaded and files refused now, and how often the loaded set
  /// changed (a load, a replacement or a removal) since start.
  static void renderPlugins(std::string& out, size_t loaded, size_t refused, uint64_t changes);
};

}  // namespace manifold::metrics
