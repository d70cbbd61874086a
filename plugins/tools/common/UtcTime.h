#pragma once

#include <cstdint>
#include <string>

namespace toolcommon {

/// "2026-12-04T15:30:00Z" for seconds since the Unix epoch (for a result's
/// "retrieved_at", pass host.nowUnixMs() / 1000).
std::string isoUtc(int64_t unixSeconds);

}  // namespace toolcommon
