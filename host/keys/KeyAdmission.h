#pragma once

#include <functional>
#include <optional>

#include "keys/Authenticator.h"
#include "keys/RateLimiter.h"
#include "keys/SpendLedger.h"
#include "turn/Admission.h"
#include "turn/TurnObserver.h"

namespace manifold::keys {

/// What a refusal by a limit is, for metrics: "rpm", "tpm", "concurrency",
/// "budget".
using LimitRejectionHook = std::function<void(const char* kind)>;

/// The admit stage with gateway keys: authenticates the caller, applies its
/// key's limits (RPM, TPM, requests in flight, daily and monthly budgets)
/// and, after routing, its allowed modes and engines. It is also an observer:
/// each billed attempt charges its tokens to the key's TPM bucket and its
/// cost to the key's budgets.
class KeyAdmission : public turn::Admission, public turn::TurnObserver {
 public:
  /// The cost of a billed attempt, or nullopt when unknown.
  using CostFunction = std::function<std::optional<double>(const turn::AttemptReport&)>;

  KeyAdmission(const Authenticator& auth, const KeyDirectory& keys, CostFunction costOf);

  turn::Admitted admit(turn::TurnRequest& request, const turn::RuntimeSnapshot&) override {
    return admitCaller(request);
  }
  /// The whole verdict; it reads nothing of the config snapshot.
  turn::Admitted admitCaller(turn::TurnRequest& request);
  std::optional<turn::TurnError> permitRoute(const turn::TurnRequest& request,
                                             turn::TurnRoute& route) override;
  void attempt(const turn::AttemptReport& report) override;

  void onLimitRejection(LimitRejectionHook hook) { rejected_ = std::move(hook); }
  SpendLedger& spend() { return spend_; }
  RateLimiter& limiter() { return limiter_; }

 private:
  std::optional<turn::TurnError> budgetRefusal(const KeyRecord& key, int64_t nowMs) const;

  const Authenticator& auth_;
  const KeyDirectory& keys_;
  CostFunction costOf_;
  RateLimiter limiter_;
  SpendLedger spend_;
  LimitRejectionHook rejected_;
};

/// The one 401 every authentication failure gets.
turn::TurnError unauthorized(AuthFailure failure);

}  // namespace manifold::keys
