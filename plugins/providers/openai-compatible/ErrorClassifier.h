// Upstream HTTP error responses -> the classification the failover engine reads.
#pragma once

#include <manifold/plugin.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace openai_compatible {

/// Classifies an error response. `label` starts the message ("<label>: HTTP
/// <status>: <provider message>"); `nowUnixMs` turns a Retry-After HTTP-date
/// into a delay. The body may be anything: an OpenAI {"error": {...}} object,
/// an array of them, some other JSON, HTML or nothing.
manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, std::string_view label, int64_t nowUnixMs);

}  // namespace openai_compatible
