#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "turn/RuntimeSnapshot.h"
#include "turn/TurnRequest.h"
#include "turn/TurnRoute.h"

namespace manifold::turn {

/// What an admitted turn holds for its whole life: releasing it (however the
/// turn ends, a stream cut or a client gone included) gives back what
/// admission took, such as a concurrency slot.
class AdmissionTicket {
 public:
  virtual ~AdmissionTicket() = default;
};

/// The admit stage's verdict.
struct Admitted {
  std::optional<TurnError> refusal;  ///< set: the turn goes no further
  std::unique_ptr<AdmissionTicket> ticket;
  /// Headers every answer carries (x-ratelimit-*), refused or not.
  AnswerHeaders headers;
};

/// The admit stage: who is calling, and may they make this request now
/// (keys, limits, budgets). Runs before anything else of the turn, and sets
/// `request.keyId` for every stage after it.
class Admission {
 public:
  virtual ~Admission() = default;
  virtual Admitted admit(TurnRequest& request, const RuntimeSnapshot& snapshot) = 0;
  /// After routing: may this caller use this route? A key may be limited
  /// to some modes and engines; the chain may be narrowed to the engines it
  /// may use. Nullopt lets the turn go on.
  virtual std::optional<TurnError> permitRoute(const TurnRequest& /*request*/,
                                               TurnRoute& /*route*/) {
    return std::nullopt;
  }
};

}  // namespace manifold::turn
