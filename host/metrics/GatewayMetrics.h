#pragma once

#include <cstdint>
#include <string_view>

namespace manifold::metrics {

/// What parts of the gateway outside the turn's observe stage tell the
/// metrics: admission (limit rejections), the config reloader, and usage
/// (cost, lost records). Every call is cheap and never blocks on I/O, so it
/// may be made on the answer's path. Label values are short words chosen by
/// the gateway, never client text: each distinct value is a series kept for
/// the life of the process.
class GatewayMetrics {
 public:
  virtual ~GatewayMetrics() = default;

  /// A request refused by a gateway key's limit. `kind`: rpm, tpm,
  /// concurrency or budget (manifold_limit_rejections_total{kind}).
  virtual void limitRejected(std::string_view kind) = 0;

  /// A config reload went in (manifold_config_reloads_total{result="applied"}).
  virtual void configReloadApplied() = 0;
  /// A config reload was refused: unreadable, not JSON or invalid; the
  /// config in force kept serving (manifold_config_reloads_total{result="refused"}).
  virtual void configReloadRefused() = 0;

  /// Cost of one billed attempt in USD, split by what it paid for. `kind`:
  /// input, output, cached_read or cache_write (manifold_cost_usd_total{engine,kind}).
  virtual void costRecorded(std::string_view engineId, std::string_view kind, double usd) = 0;
  /// A billed attempt whose model has no price: its cost is unknown, not 0
  /// (manifold_cost_unknown_total{engine}).
  virtual void costUnknown(std::string_view engineId) = 0;

  /// Usage records that could not be written (disk full, database locked)
  /// and are lost (manifold_usage_records_lost_total).
  virtual void usageRecordsLost(uint64_t count) = 0;
};

}  // namespace manifold::metrics
