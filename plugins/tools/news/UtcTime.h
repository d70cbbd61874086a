#pragma once

#include <cstdint>
#include <string>

namespace news {

/// "2026-12-04T15:30:00Z" for seconds since the Unix epoch.
std::string isoUtc(int64_t unixSeconds);

}  // namespace news
