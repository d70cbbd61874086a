#pragma once

#include <optional>

#include "turn/RuntimeSnapshot.h"
#include "turn/TurnRequest.h"

namespace manifold::turn {

/// The admit stage: who is calling, and may they make this request now
/// (keys, limits, budgets). Runs before anything else of the turn.
class Admission {
 public:
  virtual ~Admission() = default;
  /// Nullopt lets the turn go on; an error refuses it (401, 429, ...).
  virtual std::optional<TurnError> admit(const TurnRequest& request,
                                         const RuntimeSnapshot& snapshot) = 0;
};

/// Admits every request: the gateway as it is before gateway keys exist.
class AdmitEveryone : public Admission {
 public:
  std::optional<TurnError> admit(const TurnRequest&, const RuntimeSnapshot&) override {
    return std::nullopt;
  }
};

}  // namespace manifold::turn
