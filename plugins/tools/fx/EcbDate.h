#pragma once

#include <cstdint>
#include <string>

namespace fx {

/// The first day the ECB published euro reference rates.
constexpr const char* kFirstEcbDate = "1999-01-04";

/// Checks a requested rate date: YYYY-MM-DD, a real calendar day, not before
/// kFirstEcbDate and not after `today`. Throws manifold::Error
/// (MF_ERR_INVALID) naming the problem.
void checkRateDate(const std::string& date, const std::string& today);

/// The UTC calendar date (YYYY-MM-DD) of a Unix time in milliseconds.
std::string utcDate(int64_t unixMs);

}  // namespace fx
