// How long an upstream asks us to wait before trying again.
#pragma once

#include <manifold/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace openai_compatible {

/// The delay a response asks for, in ms: `retry-after-ms` (milliseconds, may
/// be fractional), else `retry-after` (seconds, or an HTTP-date taken
/// relative to `nowUnixMs`). Header names are case-insensitive. -1 when
/// neither is present and readable; at most a week.
int64_t retryAfterMs(const std::vector<manifold::HeaderView>& headers, int64_t nowUnixMs);

/// An HTTP-date (IMF-fixdate, RFC 850 or asctime) as ms since the Unix epoch.
std::optional<int64_t> parseHttpDate(std::string_view text);

}  // namespace openai_compatible
