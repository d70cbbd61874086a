#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace manifold::store {

/// One attempt of a chat request on one engine and key, for accounting.
struct AttemptRecord {
  std::string requestId;
  int64_t atMs = 0;  ///< wall clock, ms since the epoch
  std::string mode;
  std::string engineId;
  int keyIndex = 0;
  std::string outcome;  ///< answered, failed, skipped, rejected, cancelled, continued
  std::string reason;
  int upstreamStatus = 0;
  int64_t latencyMs = 0;
  int64_t ttftMs = -1;
  bool billed = false;  ///< only an answer that reached the client is billed
  int64_t promptTokens = 0;
  int64_t completionTokens = 0;
  int64_t cachedTokens = 0;
};

/// Where attempt records are kept.
class AttemptLog {
 public:
  virtual ~AttemptLog() = default;
  /// Writes a batch in one transaction. May throw; the caller logs and drops.
  virtual void writeAttempts(const std::vector<AttemptRecord>& batch) = 0;
};

}  // namespace manifold::store
