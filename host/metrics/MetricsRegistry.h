#pragma once

#include <string>

#include "metrics/CounterFamily.h"
#include "metrics/GatewayMetrics.h"
#include "metrics/HistogramFamily.h"

namespace manifold::metrics {

/// Every metric the gateway counts itself, by family, and their exposition.
/// State read at scrape time (breakers, plugins) is rendered by StateGauges.
/// Names carry the manifold_ prefix; counters end in _total; times are in
/// seconds. One registry per gateway.
class MetricsRegistry : public GatewayMetrics {
 public:
  MetricsRegistry();

  void limitRejected(std::string_view kind) override;
  void configReloadApplied() override;
  void configReloadRefused() override;
  void costRecorded(std::string_view engineId, std::string_view kind, double usd) override;
  void costUnknown(std::string_view engineId) override;
  void usageRecordsLost(uint64_t count) override;

  /// Appends every family in the Prometheus text format.
  void render(std::string& out) const;

  // The families, for the observer that feeds them and for tests.
  CounterFamily& requests() { return requests_; }
  HistogramFamily& requestDuration() { return requestDuration_; }
  CounterFamily& attempts() { return attempts_; }
  HistogramFamily& attemptDuration() { return attemptDuration_; }
  HistogramFamily& timeToFirstToken() { return ttft_; }
  CounterFamily& tokens() { return tokens_; }
  CounterFamily& cost() { return cost_; }
  CounterFamily& costUnknownCount() { return costUnknown_; }
  CounterFamily& limitRejections() { return limitRejections_; }
  CounterFamily& configReloads() { return configReloads_; }
  CounterFamily& usageLost() { return usageLost_; }

 private:
  CounterFamily requests_;
  HistogramFamily requestDuration_;
  CounterFamily attempts_;
  HistogramFamily attemptDuration_;
  HistogramFamily ttft_;
  CounterFamily tokens_;
  CounterFamily cost_;
  CounterFamily costUnknown_;
  CounterFamily limitRejections_;
  CounterFamily configReloads_;
  CounterFamily usageLost_;
};

}  // namespace manifold::metrics
