#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/UsageLedger.h"

namespace manifold::usage {

/// One engine's attempts over one window, as /admin/health shows them.
struct WindowStats {
  int64_t requests = 0;  ///< attempts that reached the engine (skips left out)
  int64_t errors = 0;    ///< of them, failed (not rejected as the client's fault, not cancelled)
  /// Nearest-rank percentiles: latency of the answered attempts, time to
  /// first token of every attempt that got one. Unset when there is none.
  std::optional<int64_t> latencyP50Ms, latencyP95Ms, ttftP50Ms, ttftP95Ms;
  double costUsd = 0;               ///< billed attempts whose cost is known
  int64_t paidRequests = 0;         ///< billed, cost above 0
  int64_t freeRequests = 0;         ///< billed, cost 0 (a free tier)
  int64_t unknownCostRequests = 0;  ///< billed, cost unknown
  double errorRate() const { return requests ? static_cast<double>(errors) / requests : 0.0; }
};

/// The last hour and the last day of one engine.
struct EngineWindows {
  WindowStats hour;
  WindowStats day;
};

/// Sums attempts (from UsageLedger::attemptsSince(now - 1 day)) per engine
/// into the hour and day before `nowMs`.
std::map<std::string, EngineWindows> summarizeAttempts(
    const std::vector<store::AttemptSample>& attempts, int64_t nowMs);

}  // namespace manifold::usage
