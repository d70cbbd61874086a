#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace manifold::store {

/// A small persistent key-value store, partitioned by namespace (one per plugin).
class KeyValueStore {
 public:
  virtual ~KeyValueStore() = default;
  virtual std::optional<std::string> get(const std::string& space, const std::string& key) = 0;
  /// ttlMs <= 0 keeps the value until it is removed.
  virtual void put(const std::string& space, const std::string& key, const std::string& value,
                   int64_t ttlMs) = 0;
  virtual void remove(const std::string& space, const std::string& key) = 0;
};

}  // namespace manifold::store
