#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manifold::store {

/// Which billed attempts to sum: one key or all, over [fromMs, toMs).
struct UsageQuery {
  std::optional<std::string> keyId;  ///< unset: every key
  int64_t fromMs = 0;
  int64_t toMs = 0;
};

/// The billed attempts of one key, on one UTC day, on one model, summed.
struct UsageRow {
  std::string keyId;
  std::string day;    ///< YYYY-MM-DD, UTC
  std::string model;  ///< the price-table key
  int64_t requests = 0;
  int64_t promptTokens = 0;
  int64_t completionTokens = 0;
  int64_t cachedTokens = 0;
  int64_t cacheWriteTokens = 0;
  int64_t reasoningTokens = 0;
  double costUsd = 0;               ///< the sum over requests whose cost is known
  int64_t unknownCostRequests = 0;  ///< requests with no known cost (null in the table)
};

/// One attempt that reached an engine, as /admin/health reads it.
struct AttemptSample {
  std::string engineId;
  std::string outcome;
  int64_t atMs = 0;
  int64_t latencyMs = 0;
  int64_t ttftMs = -1;
  bool billed = false;
  std::optional<double> costUsd;
};

/// What the usage endpoints read from the attempts table. Reads only; may
/// throw when the store cannot be read (the endpoints answer 503).
class UsageLedger {
 public:
  virtual ~UsageLedger() = default;
  /// Billed attempts grouped by key, UTC day and model, in that order.
  virtual std::vector<UsageRow> usage(const UsageQuery& query) = 0;
  /// Every attempt since `sinceMs` that was not a skip, oldest first.
  virtual std::vector<AttemptSample> attemptsSince(int64_t sinceMs) = 0;
};

}  // namespace manifold::store
