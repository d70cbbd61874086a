#pragma once

#include <optional>
#include <string>
#include <vector>

#include "memory/MemoryFact.h"

namespace manifold::memory {

/// Where facts are kept. Every call names the key (and user) it acts for:
/// nothing here crosses from one key, or one user, to another.
class MemoryStore {
 public:
  virtual ~MemoryStore() = default;
  /// Stores `fact` (its id, keyId, user, text, source; subject may be "")
  /// and returns it as stored. With a subject, the fact replaces the one in
  /// that slot, keeping its id and creation time.
  virtual MemoryFact remember(const MemoryFact& fact) = 0;
  /// The user's facts under the key, most recently updated first.
  virtual std::vector<MemoryFact> list(const std::string& keyId, const std::string& user) = 0;
  /// Forgets one fact of the key (any of its users); false when the key has
  /// no fact with that id.
  virtual bool forget(const std::string& keyId, const std::string& id) = 0;
  /// Forgets the fact in a slot; false when the slot was empty.
  virtual bool forgetSubject(const std::string& keyId, const std::string& user,
                             const std::string& subject) = 0;
};

}  // namespace manifold::memory
