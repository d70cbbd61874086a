#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace manifold::webhooks {

/// Why a delivery's signing time is refused, or nullopt when `timestamp`
/// (Unix seconds, digits only) is within `toleranceSeconds` of `now` either
/// way. `header` names the header in the reason.
std::optional<std::string> timestampProblem(std::string_view header, std::string_view timestamp,
                                            int64_t now, int64_t toleranceSeconds);

/// Equal, in time that depends only on the lengths, which are not secret.
bool constantTimeEqual(std::string_view a, std::string_view b);

}  // namespace manifold::webhooks
