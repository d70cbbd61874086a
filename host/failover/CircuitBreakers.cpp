#include "failover/CircuitBreakers.h"

namespace manifold::failover {
namespace {

int64_t msBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

}  // namespace

Admission CircuitBreakers::admit(const BreakerKey& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = states_.find(key);
  if (it == states_.end()) return {};
  State& s = it->second;
  if (now < s.coolUntil) {
    const int64_t left = msBetween(now, s.coolUntil);
    return {Admission::Verdict::Skip, s.coolReason + " (" + std::to_string(left) + " ms left)",
            s.coolRateLimited, left};
  }
  if (!s.open) return {};
  if (now < s.openUntil) {
    const int64_t left = msBetween(now, s.openUntil);
    return {Admission::Verdict::Skip,
            "circuit open after " + std::to_string(s.consecutiveFailures) + " failures (" +
                std::to_string(left) + " ms left)",
            false, left};
  }
  if (s.probeInFlight)
    return {Admission::Verdict::Skip, "circuit half-open, a probe is in flight", false, 0};
  s.probeInFlight = true;
  return {Admission::Verdict::Probe, "", false, 0};
}

void CircuitBreakers::succeeded(const BreakerKey& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = states_.find(key);
  if (it == states_.end()) return;
  State& s = it->second;
  s.consecutiveFailures = 0;
  s.open = false;
  s.probeInFlight = false;
}

void CircuitBreakers::failed(const BreakerKey& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  State& s = states_[key];
  ++s.consecutiveFailures;
  if (s.probeInFlight || s.consecutiveFailures >= config_.failureThreshold) {
    s.open = true;
    s.openUntil = now + std::chrono::milliseconds(config_.cooldownMs);
  }
  s.probeInFlight = false;
}

void CircuitBreakers::coolDown(const BreakerKey& key, Clock::time_point until,
                               const std::string& reason, bool rateLimited) {
  std::lock_guard<std::mutex> lock(mutex_);
  State& s = states_[key];
  if (until > s.coolUntil) {
    s.coolUntil = until;
    s.coolReason = reason;
    s.coolRateLimited = rateLimited;
  }
  s.probeInFlight = false;
}

void CircuitBreakers::released(const BreakerKey& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = states_.find(key);
  if (it != states_.end()) it->second.probeInFlight = false;
}

std::vector<CircuitBreakers::Status> CircuitBreakers::snapshot(Clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Status> out;
  for (const auto& [key, s] : states_) {
    Status status{key, "closed", s.consecutiveFailures, 0};
    if (now < s.coolUntil) {
      status.state = "cooling";
      status.msUntilRetry = msBetween(now, s.coolUntil);
    } else if (s.open) {
      status.state = now < s.openUntil ? "open" : "half_open";
      status.msUntilRetry = now < s.openUntil ? msBetween(now, s.openUntil) : 0;
    }
    out.push_back(status);
  }
  return out;
}

config::BreakerConfig CircuitBreakers::config() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return config_;
}

void CircuitBreakers::setConfig(const config::BreakerConfig& config) {
  std::lock_guard<std::mutex> lock(mutex_);
  config_ = config;
}

void CircuitBreakers::forget(const std::string& engineId) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = states_.lower_bound(BreakerKey{engineId, -1});
       it != states_.end() && it->first.engineId == engineId;)
    it = states_.erase(it);
}

}  // namespace manifold::failover
