#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manifold::keys {

/// What a gateway key may do; zero and unset mean no limit.
struct KeyLimits {
  std::vector<std::string> allowedModes;    ///< empty: every mode
  std::vector<std::string> allowedEngines;  ///< empty: every engine
  /// Gateway tools it may have run ("fx.*", "mcp:<server>/*"); empty: every tool.
  std::vector<std::string> allowedTools;
  int64_t rpm = 0;                         ///< requests per minute
  int64_t tpm = 0;                         ///< tokens (prompt + completion) per minute
  int64_t maxConcurrent = 0;               ///< requests in flight at once
  std::optional<double> dailyBudgetUsd;    ///< resets at 00:00 UTC
  std::optional<double> monthlyBudgetUsd;  ///< resets on the 1st, 00:00 UTC
};

/// A virtual gateway key as stored: never its secret, only the secret's hash.
struct KeyRecord {
  std::string id;  ///< "key_" + 16 hex digits; what usage and tasks belong to
  std::string name;
  std::string secretSha256;  ///< hex
  std::string secretHint;    ///< the secret's first characters, for lists
  int64_t createdAtMs = 0;
  int64_t expiresAtMs = 0;  ///< 0: never
  int64_t revokedAtMs = 0;  ///< 0: live
  KeyLimits limits;

  bool usableAt(int64_t nowMs) const {
    return revokedAtMs == 0 && (expiresAtMs == 0 || nowMs < expiresAtMs);
  }
};

}  // namespace manifold::keys
