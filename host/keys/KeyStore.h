#pragma once

#include <optional>
#include <string>
#include <vector>

#include "keys/KeyRecord.h"

namespace manifold::keys {

/// Where gateway keys are kept. Implementations may throw on storage
/// failures; callers on the admin path turn that into a 500.
class KeyStore {
 public:
  virtual ~KeyStore() = default;
  virtual void insert(const KeyRecord& key) = 0;
  /// Replaces the record with the same id; false when there is none.
  virtual bool update(const KeyRecord& key) = 0;
  virtual std::vector<KeyRecord> all() = 0;
};

}  // namespace manifold::keys
