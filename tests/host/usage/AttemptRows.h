#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manifold::test {

/// One row of the attempts table, read back with SQLite itself.
struct AttemptRow {
  std::string engineId, outcome, reason, keyId, model;
  bool billed = false, usageKnown = false;
  int64_t promptTokens = 0, completionTokens = 0, cachedTokens = 0, cacheWriteTokens = 0,
          reasoningTokens = 0;
  std::optional<double> costUsd;  ///< unset: NULL in the table
};

/// Every attempt row of the store file, oldest first.
std::vector<AttemptRow> readAttempts(const std::string& sqlitePath);

}  // namespace manifold::test
