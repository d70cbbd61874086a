#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "keys/KeyRecord.h"

namespace manifold::keys {

/// A field of an /admin/keys body the operator got wrong.
struct KeyFieldProblem {
  std::string message;
  std::string param;
};

/// Applies an /admin/keys create or update body to `key`. Fields:
/// name (1 to 128 characters; required to create), expires_at_ms (ms since
/// the epoch; 0 or null for never) or expires_in_s (> 0), allowed_modes and
/// allowed_engines (arrays of names), rpm, tpm and max_concurrent (integers
/// >= 0, 0 for no limit), daily_budget_usd and monthly_budget_usd (>= 0, or
/// null for none). Unknown fields are refused, so a typo is not a silent
/// no-op. Nullopt on success.
std::optional<KeyFieldProblem> applyKeyChanges(std::string_view body, bool creating, int64_t nowMs,
                                               KeyRecord& key);

}  // namespace manifold::keys
