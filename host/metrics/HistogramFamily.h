#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/LabelledSeries.h"

namespace manifold::metrics {

/// A Prometheus histogram family with fixed bucket bounds (in the metric's
/// base unit, seconds here). An observation is a bucket search over a few
/// bounds and three relaxed atomic adds. The sum is kept in microunits as an
/// integer, so no floating-point compare-and-swap sits on the answer's path.
class HistogramFamily {
 public:
  /// At most this many bounds are kept; +Inf is implied after them.
  static constexpr size_t kMaxBounds = 15;
  /// `bounds` ascending; +Inf is implied.
  HistogramFamily(std::string name, std::string help, std::vector<std::string> labelNames,
                  std::vector<double> bounds);

  void observe(std::initializer_list<std::string_view> labelValues, double value);

  /// Observations so far in one series (0 when it does not exist); for tests.
  uint64_t count(std::initializer_list<std::string_view> labelValues);
  /// Appends HELP, TYPE and, per series, cumulative _bucket lines, _sum and _count.
  void render(std::string& out) const;

 private:
  struct Series {
    std::array<std::atomic<uint64_t>, kMaxBounds + 1> buckets{};  ///< per bound, then +Inf
    std::atomic<int64_t> sumMicros{0};
  };

  const std::string name_;
  const std::string help_;
  const std::vector<std::string> labelNames_;
  const std::vector<double> bounds_;
  std::vector<std::string> boundTexts_;
  LabelledSeries<Series> series_;
};

}  // namespace manifold::metrics
