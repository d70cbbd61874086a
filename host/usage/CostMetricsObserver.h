#pragma once

#include "metrics/GatewayMetrics.h"
#include "turn/TurnObserver.h"
#include "usage/PriceBook.h"

namespace manifold::usage {

/// Counts what each billed attempt cost, split by what it paid for (input,
/// output, cached_read, cache_write), into the gateway's metrics; an attempt
/// whose model has no price is counted as unknown, never as 0.
class CostMetricsObserver : public turn::TurnObserver {
 public:
  CostMetricsObserver(const PriceBook& prices, metrics::GatewayMetrics& metrics)
      : prices_(prices), metrics_(metrics) {}
  void attempt(const turn::AttemptReport& report) override;

 private:
  const PriceBook& prices_;
  metrics::GatewayMetrics& metrics_;
};

}  // namespace manifold::usage
