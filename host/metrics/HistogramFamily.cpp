#include "metrics/HistogramFamily.h"

#include <algorithm>
#include <cmath>

#include "metrics/TextFormat.h"

namespace manifold::metrics {

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> labelNames, std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      labelNames_(std::move(labelNames)),
      bounds_(bounds.begin(), bounds.begin() + std::min(bounds.size(), kMaxBounds)) {
  for (double b : bounds_) boundTexts_.push_back(TextFormat::number(b));
}

void HistogramFamily::observe(std::initializer_list<std::string_view> labelValues, double value) {
  if (std::isnan(value)) return;
  Series& s = series_.get(labelValues);
  // Buckets are few: a linear scan beats a binary search here.
  size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.sumMicros.fetch_add(static_cast<int64_t>(std::llround(value * 1e6)), std::memory_order_relaxed);
}

uint64_t HistogramFamily::count(std::initializer_list<std::string_view> labelValues) {
  const Series& s = series_.get(labelValues);
  uint64_t total = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) total += s.buckets[i].load();
  return total;
}

void HistogramFamily::render(std::string& out) const {
  TextFormat::header(out, name_, help_, "histogram");
  const std::string bucketName = name_ + "_bucket";
  const std::string sumName = name_ + "_sum";
  const std::string countName = name_ + "_count";
  series_.forEach([&](const std::vector<std::string>& values, const Series& s) {
    // _count is the +Inf bucket, read once, so the two always agree.
    uint64_t cumulative = 0;
    for (size_t i = 0; i < bounds_.size(); ++i) {
      cumulative += s.buckets[i].load(std::memory_order_relaxed);
      TextFormat::sample(out, bucketName, labelNames_, values, static_cast<double>(cumulative),
                         "le", boundTexts_[i]);
    }
    cumulative += s.buckets[bounds_.size()].load(std::memory_order_relaxed);
    TextFormat::sample(out, bucketName, labelNames_, values, static_cast<double>(cumulative), "le",
                       "+Inf");
    TextFormat::sample(out, sumName, labelNames_, values,
                       static_cast<double>(s.sumMicros.load(std::memory_order_relaxed)) / 1e6);
    TextFormat::sample(out, countName, labelNames_, values, static_cast<double>(cumulative));
  });
}

}  // namespace manifold::metrics
