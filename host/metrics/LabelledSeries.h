#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace manifold::metrics {

/// The series of one metric family, by label values. A series is made on
/// first use under a brief exclusive lock; afterwards finding it takes a
/// shared lock and one map lookup, and the caller updates it with atomics
/// outside any lock. A series lives as long as the map, so references stay
/// valid. Iteration is in label order, which keeps the exposition stable.
template <class Series>
class LabelledSeries {
 public:
  /// The series for these label values (as many as the family has names).
  Series& get(std::initializer_list<std::string_view> values) {
    // One buffer per thread: no allocation once it has grown to fit.
    thread_local std::string key;
    key.clear();
    for (std::string_view v : values) {
      key.append(v.data(), v.size());
      key += '\x1f';  // unit separator: labels are joined unambiguously enough to key a map
    }
    {
      std::shared_lock<std::shared_mutex> lock(mutex_);
      const auto found = entries_.find(key);
      if (found != entries_.end()) return *found->second.series;
    }
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto [it, inserted] = entries_.try_emplace(key);
    if (inserted) {
      it->second.values.assign(values.begin(), values.end());
      it->second.series = std::make_unique<Series>();
    }
    return *it->second.series;
  }

  /// Calls fn(labelValues, series) for each series, in label order.
  void forEach(
      const std::function<void(const std::vector<std::string>&, const Series&)>& fn) const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    for (const auto& [key, entry] : entries_) fn(entry.values, *entry.series);
  }

 private:
  struct Entry {
    std::vector<std::string> values;
    std::unique_ptr<Series> series;
  };
  mutable std::shared_mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace manifold::metrics
