#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "turn/TurnObserver.h"

namespace manifold::store {

/// One row of the attempts table: what the turn reported, plus what the
/// usage stage worked out from it (usage/UsageObserver.h).
struct AttemptRecord : turn::AttemptReport {
  AttemptRecord() = default;
  AttemptRecord(turn::AttemptReport report)  // NOLINT: a report is a record with no price
      : turn::AttemptReport(std::move(report)) {}

  /// The price-table key of the engine's model ("groq/llama-3.3-70b-versatile").
  std::string model;
  /// In US dollars; unset when unknown (no price for the model, or no usage
  /// reported) and for every attempt that is not billed.
  std::optional<double> costUsd;
};

/// Where attempt records are kept.
class AttemptLog {
 public:
  virtual ~AttemptLog() = default;
  /// Writes a batch in one transaction, all or nothing. May throw; the caller
  /// counts the batch as lost.
  virtual void writeAttempts(const std::vector<AttemptRecord>& batch) = 0;
};

}  // namespace manifold::store
