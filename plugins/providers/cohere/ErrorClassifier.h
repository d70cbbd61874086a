// Cohere's HTTP error responses -> the classification the failover engine reads.
#pragma once

#include <manifold/plugin.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace cohere {

/// Classifies an error response. Cohere's bodies are {"id": ..., "message":
/// ...}; any other body (HTML, nothing) is quoted as it is. `nowUnixMs` turns
/// a Retry-After HTTP-date into a delay.
manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, int64_t nowUnixMs);

}  // namespace cohere
