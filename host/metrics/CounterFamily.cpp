#include "metrics/CounterFamily.h"

#include <cmath>

#include "metrics/TextFormat.h"

namespace manifold::metrics {

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> labelNames)
    : name_(std::move(name)), help_(std::move(help)), labelNames_(std::move(labelNames)) {}

void CounterFamily::add(std::initializer_list<std::string_view> labelValues, uint64_t amount) {
  series_.get(labelValues).whole.fetch_add(amount, std::memory_order_relaxed);
}

void CounterFamily::addFraction(std::initializer_list<std::string_view> labelValues,
                                double amount) {
  if (!(amount >= 0) || std::isinf(amount)) return;  // also refuses NaN
  std::atomic<double>& value = series_.get(labelValues).fraction;
  double now = value.load(std::memory_order_relaxed);
  while (!value.compare_exchange_weak(now, now + amount, std::memory_order_relaxed)) {
  }
}

void CounterFamily::touch(std::initializer_list<std::string_view> labelValues) {
  series_.get(labelValues);
}

double CounterFamily::value(std::initializer_list<std::string_view> labelValues) {
  const Series& s = series_.get(labelValues);
  return static_cast<double>(s.whole.load()) + s.fraction.load();
}

void CounterFamily::render(std::string& out) const {
  TextFormat::header(out, name_, help_, "counter");
  series_.forEach([&](const std::vector<std::string>& values, const Series& s) {
    const double total = static_cast<double>(s.whole.load(std::memory_order_relaxed)) +
                         s.fraction.load(std::memory_order_relaxed);
    TextFormat::sample(out, name_, labelNames_, values, total);
  });
}

}  // namespace manifold::metrics
