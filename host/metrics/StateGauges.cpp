#include "metrics/StateGauges.h"

#include "metrics/TextFormat.h"

namespace manifold::metrics {

void StateGauges::renderBreakers(std::string& out,
                                 const std::vector<failover::CircuitBreakers::Status>& breakers) {
  static const char* const kStates[] = {"closed", "open", "half_open", "cooling"};
  const std::vector<std::string> stateLabels = {"engine", "key", "state"};
  TextFormat::header(out, "manifold_breaker_state",
                     "Circuit breaker state per engine and key: 1 for the state it is in "
                     "(closed, open, half_open, cooling), 0 for the others.",
                     "gauge");
  for (const failover::CircuitBreakers::Status& b : breakers) {
    const std::string key = std::to_string(b.key.keyIndex + 1);
    for (const char* state : kStates)
      TextFormat::sample(out, "manifold_breaker_state", stateLabels, {b.key.engineId, key, state},
                         b.state == state ? 1 : 0);
  }
  const std::vector<std::string> keyLabels = {"engine", "key"};
  TextFormat::header(out, "manifold_breaker_consecutive_failures",
                     "Consecutive failures counted by each engine and key's circuit breaker.",
                     "gauge");
  for (const failover::CircuitBreakers::Status& b : breakers)
    TextFormat::sample(out, "manifold_breaker_consecutive_failures", keyLabels,
                       {b.key.engineId, std::to_string(b.key.keyIndex + 1)}, b.consecutiveFailures);
}

void StateGauges::renderPlugins(std::string& out, size_t loaded, size_t refused, uint64_t changes) {
  TextFormat::header(out, "manifold_plugins_loaded", "Plugins loaded now.", "gauge");
  TextFormat::sample(out, "manifold_plugins_loaded", {}, {}, static_cast<double>(loaded));
  TextFormat::header(out, "manifold_plugins_refused",
                     "Files in the plugin folder refused now (see /admin/plugins for why).",
                     "gauge");
  TextFormat::sample(out, "manifold_plugins_refused", {}, {}, static_cast<double>(refused));
  TextFormat::header(out, "manifold_plugin_set_changes_total",
                     "Changes to the loaded plugin set since start: loads, replacements and "
                     "removals.",
                     "counter");
  TextFormat::sample(out, "manifold_plugin_set_changes_total", {}, {},
                     static_cast<double>(changes));
}

}  // namespace manifold::metrics
