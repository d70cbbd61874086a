#pragma once

#include "metrics/MetricsRegistry.h"
#include "turn/TurnObserver.h"

namespace manifold::metrics {

/// The observe stage's metrics: counts every attempt and finished turn into
/// the registry. Called on the answer's path, so it only finds a series
/// (a shared lock and a map lookup) and adds to atomics.
class MetricsObserver : public turn::TurnObserver {
 public:
  explicit MetricsObserver(MetricsRegistry& registry) : registry_(registry) {}

  void attempt(const turn::AttemptReport& report) override;
  void finished(const turn::TurnReport& report) override;

 private:
  MetricsRegistry& registry_;
};

}  // namespace manifold::metrics
