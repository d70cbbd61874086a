#pragma once

#include <string>
#include <vector>

#include "memory/FactRules.h"
#include "memory/MemoryStore.h"

namespace manifold::memory {

/// A new fact for the store: a fresh id, created and updated now.
MemoryFact newFact(const std::string& keyId, const std::string& user, const std::string& subject,
                   const std::string& text, const std::string& source);

/// Stores a fact that fills no slot unless the user already has one that
/// says the same (compared case-insensitively); returns the fact kept.
MemoryFact rememberNote(MemoryStore& store, MemoryFact fact);

/// Applies what a message asked (readFactRules) to the user's facts under
/// the key; `source` names who asked ("rule"). Returns how many facts were
/// stored or forgotten.
int applyFactChanges(MemoryStore& store, const std::string& keyId, const std::string& user,
                     const std::vector<FactChange>& changes, const std::string& source);

}  // namespace manifold::memory
