#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "keys/KeyStore.h"

namespace manifold::keys {

/// Every gateway key, held in memory and written through to the store, so
/// that checking a presented secret costs one hash and one lookup.
class KeyDirectory {
 public:
  /// Loads every key from `store`, which must outlive the directory.
  explicit KeyDirectory(KeyStore& store);

  /// The key whose secret hashes to `secretSha256`, live or not; null when
  /// none. Records are shared and never change: replace() swaps in a new one,
  /// so a request keeps the version it was admitted with.
  std::shared_ptr<const KeyRecord> bySecretHash(const std::string& secretSha256) const;
  std::shared_ptr<const KeyRecord> byId(const std::string& id) const;
  std::vector<KeyRecord> list() const;

  /// Stores a new key; its id and hash must be new. May throw (storage).
  void add(const KeyRecord& key);
  /// Replaces a key's record; false when the id is unknown. May throw.
  bool replace(const KeyRecord& key);

 private:
  KeyStore& store_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const KeyRecord>> byId_;
  std::unordered_map<std::string, std::string> idByHash_;
};

}  // namespace manifold::keys
