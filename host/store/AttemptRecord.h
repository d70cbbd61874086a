#pragma once

#include <vector>

#include "turn/TurnObserver.h"

namespace manifold::store {

/// One row of the attempts table: what the turn reported.
using AttemptRecord = turn::AttemptReport;

/// Where attempt records are kept.
class AttemptLog {
 public:
  virtual ~AttemptLog() = default;
  /// Writes a batch in one transaction. May throw; the caller logs and drops.
  virtual void writeAttempts(const std::vector<AttemptRecord>& batch) = 0;
};

}  // namespace manifold::store
