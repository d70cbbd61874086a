#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "config/GatewayConfig.h"

namespace manifold::failover {

using Clock = std::chrono::steady_clock;

/// What a breaker is keyed on: one engine used with one key of its pool.
struct BreakerKey {
  std::string engineId;
  int keyIndex = 0;
  bool operator<(const BreakerKey& o) const {
    return engineId < o.engineId || (engineId == o.engineId && keyIndex < o.keyIndex);
  }
};

/// May a request use an engine+key now?
struct Admission {
  enum class Verdict { Go, Probe, Skip };
  Verdict verdict = Verdict::Go;
  std::string reason;        ///< why it is skipped
  bool rateLimited = false;  ///< skipped because the provider said when to come back
  int64_t retryInMs = 0;     ///< when skipped: how long until it may be tried
  bool usable() const { return verdict != Verdict::Skip; }
};

/// Per-(engine, key) circuit breakers and cooldowns, shared by all requests.
/// - Closed: requests go through; consecutive failures are counted.
/// - Open (after failureThreshold failures): requests skip it at no cost.
/// - Half-open (after cooldownMs): exactly one probe goes through; success
///   closes the circuit, failure opens it again.
/// Separately, a cooldown (from Retry-After, or a refused key) keeps requests
/// off an engine+key until a given time without counting as a failure.
class CircuitBreakers {
 public:
  explicit CircuitBreakers(config::BreakerConfig config) : config_(config) {}
  config::BreakerConfig config() const;
  /// A reload's new thresholds; every breaker keeps its state.
  void setConfig(const config::BreakerConfig& config);
  /// Drops every breaker of an engine: a reload changed what the engine is
  /// (provider, model or base URL), so its history says nothing of it now.
  void forget(const std::string& engineId);

  Admission admit(const BreakerKey& key, Clock::time_point now);
  void succeeded(const BreakerKey& key);
  void failed(const BreakerKey& key, Clock::time_point now);
  /// `rateLimited`: the provider set the time (Retry-After), so a client
  /// that finds every step cooling can be told when to come back.
  void coolDown(const BreakerKey& key, Clock::time_point until, const std::string& reason,
                bool rateLimited = false);
  /// An admitted attempt ended with no verdict on the upstream's health (the
  /// client left, or the request itself was at fault): free a probe slot.
  void released(const BreakerKey& key);

  struct Status {
    BreakerKey key;
    std::string state;  ///< closed, open, half_open, cooling
    int consecutiveFailures = 0;
    int64_t msUntilRetry = 0;
  };
  std::vector<Status> snapshot(Clock::time_point now) const;

 private:
  struct State {
    int consecutiveFailures = 0;
    bool open = false;
    Clock::time_point openUntil{};
    bool probeInFlight = false;
    Clock::time_point coolUntil{};
    std::string coolReason;
    bool coolRateLimited = false;
  };

  config::BreakerConfig config_;
  mutable std::mutex mutex_;
  std::map<BreakerKey, State> states_;
};

}  // namespace manifold::failover
