#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/LabelledSeries.h"

namespace manifold::metrics {

/// A Prometheus counter family: one monotonic value per set of label values.
/// Whole increments are one atomic add; fractional ones (USD) a short
/// compare-and-swap loop. Thread-safe; never blocks for long.
class CounterFamily {
 public:
  /// `name` ends in _total; `labelNames` in the order values are given.
  CounterFamily(std::string name, std::string help, std::vector<std::string> labelNames);

  void add(std::initializer_list<std::string_view> labelValues, uint64_t amount = 1);
  /// Adds a non-negative fraction; negative or NaN amounts are ignored.
  void addFraction(std::initializer_list<std::string_view> labelValues, double amount);
  /// Makes the series exist at 0, so it is exported before its first event.
  void touch(std::initializer_list<std::string_view> labelValues);

  /// The series' value now (0 when it does not exist yet); for tests.
  double value(std::initializer_list<std::string_view> labelValues);
  /// Appends HELP, TYPE and every series.
  void render(std::string& out) const;

 private:
  struct Series {
    std::atomic<uint64_t> whole{0};
    std::atomic<double> fraction{0};
  };
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> labelNames_;
  LabelledSeries<Series> series_;
};

}  // namespace manifold::metrics
